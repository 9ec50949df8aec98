using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Health;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Hub;

/// <summary>
/// The SQLite file turns read-only under a running dashboard (real Prosody, simulated SmartServers): the health
/// banner says so, presence still reaches SignalR clients, a SmartServer that first subscribes meanwhile is taken in
/// and read, and what was held back (its device and point rows included) is stored once writes work again.
/// </summary>
public sealed class ReadOnlyDatabaseTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatabaseReadOnly_BannerUpAndPresenceStillServed_RowsStoredWhenWritableAgain()
    {
        var user = $"dash{Guid.NewGuid():N}"[..14];
        var accounts = SimulatorFleet.Accounts(3, Random.Shared.Next(1, 100_000));
        await prosody.CreateAccountsAsync([.. accounts, (user, "dashboard-password")], Ct);
        await using var dashboard = await InProcessDashboard.StartAsync(prosody, user, "dashboard-password");
        var fleetOptions = new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = $"{user}@{prosody.Domain}",
            TickInterval = TimeSpan.FromSeconds(1),
        };
        await using var fleet = await SimulatorFleet.StartAsync(fleetOptions, accounts.Take(2).ToArray(), NullLoggerFactory.Instance, cancellationToken: Ct);
        using var viewer = await dashboard.SignInAsync(DashboardRoles.Viewer, cancellationToken: Ct);
        await using var signalR = viewer.LiveHub();
        var presence = new ConcurrentQueue<DevicePresenceMessage>();
        signalR.On<DevicePresenceMessage>(nameof(ILiveClient.PresenceChanged), presence.Enqueue);
        await signalR.StartAsync(Ct);
        var registry = dashboard.Get<DeviceRegistry>();
        var health = dashboard.Get<DashboardHealth>();
        var writer = dashboard.Get<StoreWriter>();
        await Eventually.WaitUntilAsync(() => fleet.Devices.All(d => registry.Find(d.Jid)?.Quality(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10)) == PointQuality.Good),
            Deadline, "every device online and read", Ct);
        Assert.Empty(health.Problems());

        SimulatorFleet? late = null; // outlives the read-only spell, so its points are polled and stored afterwards
        try
        {
            // The database file itself; the WAL index (-shm) is memory-mapped and must stay writable for SQLite to read at all.
            string[] files = [dashboard.DatabasePath];
            try
            {
                foreach (var file in files)
                {
                    await SetReadOnlyAsync(file, true);
                }

                SqliteConnection.ClearAllPools(); // open connections keep their write access; new ones meet the read-only file

                await Eventually.WaitUntilAsync(() => health.Problems().Any(p => p.Area == HealthArea.Database), Deadline, "the database problem on the banner", Ct);
                var problem = health.Problems().Single(p => p.Area == HealthArea.Database);
                Assert.Contains("readonly", problem.Detail, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("rows are held in memory", problem.Detail, StringComparison.Ordinal);

                var device = fleet.Devices[0];
                presence.Clear();
                device.GoOffline();
                await Eventually.WaitUntilAsync(() => presence.Any(p => p.Jid == device.Jid.ToString() && !p.Online), TimeSpan.FromSeconds(20),
                    "the offline presence pushed although nothing can be stored", Ct);
                Assert.False(registry.Find(device.Jid)!.IsOnline);
                Assert.True(dashboard.Get<XmppHub>().Connection.IsConnected);
                Assert.NotNull(writer.LastError);

                // A SmartServer seen for the first time now: taken in and read, though neither it nor its points can be stored yet.
                late = await SimulatorFleet.StartAsync(fleetOptions, accounts.Skip(2).ToArray(), NullLoggerFactory.Instance, cancellationToken: Ct);
                await Eventually.WaitUntilAsync(() => registry.Find(late.Devices[0].Jid)?.Quality(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10)) == PointQuality.Good,
                    Deadline, "the new device taken in and read while nothing can be stored", Ct);
            }
            finally
            {
                foreach (var file in files)
                {
                    await SetReadOnlyAsync(file, false);
                }
            }

            SqliteConnection.ClearAllPools();
            await Eventually.WaitUntilAsync(() => writer.LastError is null && writer.Backlog == 0, Deadline, "the held rows stored", Ct);
            Assert.DoesNotContain(health.Problems(), p => p.Area == HealthArea.Database);
            await using var db = await dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
            var offline = fleet.Devices[0].Jid.ToString();
            Assert.True(await db.PresenceEvents.AnyAsync(e => e.Jid == offline && e.Availability == "Unavailable", Ct),
                "the offline event recorded while the file was read-only is stored now");
            var lateJid = accounts[2].User + "@" + prosody.Domain;
            var listed = dashboard.Get<PointCatalog>().Find(Dashboard.Xmpp.Jid.Parse(lateJid))!;
            await Eventually.WaitUntilAsync(async () =>
            {
                await using var check = await dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
                return await check.DataPoints.CountAsync(p => p.Device!.Jid == lateJid, Ct) == listed.Count;
            }, Deadline, "the device taken in while read-only stored with every point it listed", Ct);
    
        }
        finally
        {
            if (late is not null)
            {
                await late.DisposeAsync();
            }
        }
    }

    public void Dispose() => prosody.AttachLogIfFailed();

    /// <summary>
    /// Read-only for everyone, root included: root ignores permission bits, so as root the file is made immutable
    /// (chattr, which ext4 and xfs support); otherwise its write bits are cleared.
    /// </summary>
    private static async Task SetReadOnlyAsync(string path, bool readOnly)
    {
        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            File.SetUnixFileMode(path, readOnly ? UnixFileMode.UserRead | UnixFileMode.GroupRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return;
        }

        using var chattr = Process.Start(new ProcessStartInfo("chattr", [readOnly ? "+i" : "-i", path]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("chattr could not be started (package e2fsprogs).");
        var error = await chattr.StandardError.ReadToEndAsync(Ct);
        await chattr.WaitForExitAsync(Ct);
        if (chattr.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {(readOnly ? "+i" : "-i")} {path} failed: {error.Trim()}. Run this test on ext4 or xfs, or not as root.");
        }
    }
}
