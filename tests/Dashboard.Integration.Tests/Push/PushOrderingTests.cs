using System.Globalization;
using Dashboard.Testing;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub.Push;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Integration.Tests.Push;

/// <summary>
/// Pushed values are applied once and in order of UCPTlastUpdate, whatever order they arrive in; a runaway
/// binding is coalesced per device without losing its final value.
/// </summary>
public sealed class PushOrderingTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DuplicateAndLateDeliveries_AfterAReconnect_AreAppliedOnceAndNeverMoveThePointBack()
    {
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?> { ["Dashboard:Polling:Interval"] = "01:00:00" }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        var webBinder = new WebBinderClient(new SoapClient(device.Session));
        var t0 = Polled(scenario, device); // each value is a second newer than what the first read showed

        async Task SendAsync(string value, int second) =>
            Assert.Empty((await webBinder.WriteAsync(scenario.DashboardAddress, PushScenario.Reading(PushScenario.Temperature, value, t0.AddSeconds(second)),
                PushScenario.Properties(device), Ct)).Faults);

        await SendAsync("21.0", 1);
        await SendAsync("22.0", 2);
        await Eventually.WaitUntilAsync(() => scenario.Registry.Find(device.Jid)!.Points[PushScenario.Temperature].Value == "22.0",
            PushScenario.Deadline, "the second value shown", Ct);
        await SendAsync("22.0", 2); // the cache re-sent after a reconnect
        await SendAsync("21.0", 1);
        await SendAsync("20.0", 0); // as old as what the first read showed
        await SendAsync("23.0", 3);

        await Eventually.WaitUntilAsync(() => scenario.Registry.Find(device.Jid)!.Points[PushScenario.Temperature].Value == "23.0",
            PushScenario.Deadline, "the newest value shown", Ct);
        await using var db = await scenario.DatabaseAsync(Ct);
        await Eventually.WaitUntilAsync(async () => await db.Samples.CountAsync(s => s.PointName == PushScenario.Temperature && s.Origin == SampleOrigin.Push, Ct) == 3,
            PushScenario.Deadline, "three Push samples", Ct);
        var history = await db.Samples.Where(s => s.PointName == PushScenario.Temperature && s.Origin == SampleOrigin.Push)
            .OrderBy(s => s.Id).Select(s => s.Value).ToListAsync(Ct);
        Assert.Equal(["21.0", "22.0", "23.0"], history);
        Assert.Equal(t0.AddSeconds(3), scenario.Registry.Find(device.Jid)!.Points[PushScenario.Temperature].LastUpdate);
    }

    [Fact]
    public async Task BurstOfTenThousandWrites_FromOneDevice_IsCoalescedWithoutLosingTheFinalValue()
    {
        const int Writes = 10_000;
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?> { ["Dashboard:Polling:Interval"] = "01:00:00" }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        var webBinder = new WebBinderClient(new SoapClient(device.Session, new SoapOptions { DefaultTimeout = TimeSpan.FromSeconds(60) }));
        var t0 = Polled(scenario, device);
        string Value(int i) => (10 + i / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        scenario.Points.Clear();
        var started = DateTimeOffset.UtcNow;
        var refused = 0;

        // 64 Writes in flight: they overtake each other on the way, as a runaway binding's would.
        await Parallel.ForEachAsync(Enumerable.Range(0, Writes), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = Ct }, async (i, ct) =>
        {
            var result = await webBinder.WriteAsync(scenario.DashboardAddress, PushScenario.Reading(PushScenario.Temperature, Value(i), t0.AddMilliseconds(i + 1)),
                PushScenario.Properties(device), ct);
            Interlocked.Add(ref refused, result.Faults.Count);
        });
        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;

        Assert.Equal(0, refused);
        await Eventually.WaitUntilAsync(() => scenario.Registry.Find(device.Jid)!.Points[PushScenario.Temperature].Value == Value(Writes - 1),
            PushScenario.Deadline, "the final value shown", Ct);
        await using var db = await scenario.DatabaseAsync(Ct);
        await Eventually.WaitUntilAsync(async () => await db.Samples.Where(s => s.PointName == PushScenario.Temperature && s.Origin == SampleOrigin.Push)
            .OrderByDescending(s => s.Id).Select(s => s.Value).FirstOrDefaultAsync(Ct) == Value(Writes - 1),
            PushScenario.Deadline, "the final value stored last", Ct);
        var stored = await db.Samples.CountAsync(s => s.PointName == PushScenario.Temperature && s.Origin == SampleOrigin.Push, Ct);
        var coalescer = scenario.Dashboard.Get<PushCoalescer>();
        TestContext.Current.SendDiagnosticMessage($"{Writes} Writes in {seconds:0.0} s; {stored} samples stored, {coalescer.Coalesced} coalesced, {scenario.Points.Count} SignalR messages");
        // At most 10 updates a second for the device (and a burst of 10), against one per Write without the limit.
        Assert.InRange(stored, 1, (int)Math.Ceiling(seconds * 10) + 20);
        Assert.True(coalescer.Coalesced >= Writes - stored - 1, $"{coalescer.Coalesced} coalesced");
        // Screens get no more than the device's update rate either, however long the busy machine made the burst.
        var messages = scenario.Points.Count(m => m.Jid == device.Jid.ToString());
        Assert.True(messages <= (DateTimeOffset.UtcNow - started).TotalSeconds * 10 + 20, $"{messages} SignalR messages for {Writes} Writes in {seconds:0} s");
    }

    /// <summary>When the temperature last changed according to the first read: pushed values must be newer.</summary>
    private static DateTimeOffset Polled(PushScenario scenario, Simulator.SimulatedSmartServer device) =>
        scenario.Registry.Find(device.Jid)!.Points[PushScenario.Temperature].LastUpdate!.Value;
}
