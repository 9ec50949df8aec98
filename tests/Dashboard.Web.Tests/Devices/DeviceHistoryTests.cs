using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Devices;

/// <summary>History and presence queries against a real SQLite file with the app's migrations.</summary>
public sealed class DeviceHistoryTests : IAsyncLifetime
{
    private const string Temperature = "Net/LON/iLON App/VirtFb/temp";
    private static readonly Jid Boiler = Jid.Parse("00d071a1b2c3@xmpp.test");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private DeviceServicesHost _host = null!;
    private int _boilerId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await DeviceServicesHost.StartAsync();
        await using var db = await _host.DbAsync();
        var boiler = new Device { Jid = Boiler.ToString(), Name = "Boiler" };
        var other = new Device { Jid = "00d071a1b2c4@xmpp.test", Name = "Other" };
        db.Devices.AddRange(boiler, other);
        await db.SaveChangesAsync(Ct);
        _boilerId = boiler.Id;
        db.Samples.AddRange(
            // Bucket 0 of 6 ten-minute buckets in the last hour: 20 and 22.
            Sample(boiler.Id, Temperature, Now.AddMinutes(-60), 20),
            Sample(boiler.Id, Temperature, Now.AddMinutes(-55), 22),
            // Bucket 3: one value; bucket 5: two values.
            Sample(boiler.Id, Temperature, Now.AddMinutes(-25), 30),
            Sample(boiler.Id, Temperature, Now.AddMinutes(-5), 10),
            Sample(boiler.Id, Temperature, Now.AddMilliseconds(-1), 12),
            // Outside the range, another point, a text value, another device: all left out of the temperature.
            Sample(boiler.Id, Temperature, Now.AddMinutes(-61), 99),
            Sample(boiler.Id, Temperature, Now, 99),
            Sample(boiler.Id, "Net/LON/iLON App/VirtFb/humidity", Now.AddMinutes(-30), 45),
            new Sample { DeviceId = boiler.Id, PointName = "Net/LON/iLON App/VirtFb/occupancy", Timestamp = Now.AddMinutes(-30), Value = "OCCUPIED" },
            Sample(other.Id, Temperature, Now.AddMinutes(-30), 99));
        db.PresenceEvents.AddRange(
            new PresenceEvent { Jid = Boiler.ToString(), Availability = "Available", At = Now.AddHours(-2) },
            new PresenceEvent { Jid = Boiler.ToString(), Availability = "Unavailable", Status = "gone", At = Now.AddHours(-1) },
            new PresenceEvent { Jid = Boiler.ToString(), Availability = "Available", At = Now.AddMinutes(-30) },
            new PresenceEvent { Jid = "00d071a1b2c4@xmpp.test", Availability = "Available", At = Now });
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static Sample Sample(int device, string point, DateTimeOffset at, double value) => new()
    {
        DeviceId = device,
        PointName = point,
        Timestamp = at,
        Value = value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Numeric = value,
    };

    [Fact]
    public async Task Buckets_LastHourInSixBuckets_AveragesEachNonEmptyBucketOfThatPointOnly()
    {
        var buckets = await _host.Get<DeviceHistory>().BucketsAsync(Boiler, Temperature, Now.AddHours(-1), Now, 6, Ct);

        Assert.Equal(
            [(Now.AddMinutes(-60), 21.0, 20.0, 22.0, 2), (Now.AddMinutes(-30), 30.0, 30.0, 30.0, 1), (Now.AddMinutes(-10), 11.0, 10.0, 12.0, 2)],
            buckets.Select(b => (b.Start, b.Average, b.Minimum, b.Maximum, b.Count)));
    }

    [Fact]
    public async Task AllPoints_ReturnsEveryNumericPointOfTheDeviceInOneQuery()
    {
        var series = await _host.Get<DeviceHistory>().AllPointsAsync(Boiler, Now.AddHours(-1), Now, 6, Ct);

        Assert.Equal(["Net/LON/iLON App/VirtFb/humidity", Temperature], series.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(45.0, Assert.Single(series["Net/LON/iLON App/VirtFb/humidity"]).Average);
    }

    [Fact]
    public async Task Buckets_UnknownDeviceOrNoSamples_IsEmpty()
    {
        var history = _host.Get<DeviceHistory>();

        Assert.Empty(await history.BucketsAsync(Jid.Parse("nobody@xmpp.test"), Temperature, Now.AddDays(-7), Now, 10, Ct));
        Assert.Empty(await history.BucketsAsync(Boiler, Temperature, Now.AddDays(-7), Now.AddDays(-6), 10, Ct));
    }

    [Fact]
    public async Task Buckets_UseTheIndexOnDevicePointAndTime()
    {
        await using var db = await _host.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            EXPLAIN QUERY PLAN SELECT "PointName", ("Timestamp" - 0) / 10 AS "Bucket", AVG("Numeric") FROM "Samples"
            WHERE "DeviceId" = {_boilerId} AND "PointName" = 'x' AND "Timestamp" >= 0 AND "Timestamp" < 10 GROUP BY "PointName", "Bucket"
            """;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var plan = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains("IX_Samples_DeviceId_PointName_Timestamp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Presence_NewestFirstLimitedAndOnlyThatDevice()
    {
        var changes = await _host.Get<DeviceHistory>().PresenceAsync(Boiler, 2, Ct);

        Assert.Equal([(Now.AddMinutes(-30), "Available", (string?)null), (Now.AddHours(-1), "Unavailable", "gone")],
            changes.Select(c => (c.At, c.Availability, c.Status)));
    }
}
