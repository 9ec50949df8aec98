using Dashboard.Testing;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Integration.Tests.Push;

/// <summary>
/// Values pushed by simulated SmartServers (WebBinder Writes over real Prosody) reach SignalR clients and
/// SQLite without a poll; pushed points are polled only by the safety poll, which notices a silent binding.
/// </summary>
public sealed class PushDeliveryTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PointChange_AtAPushingSmartServer_ReachesSignalRAndSqliteWithoutAnyPoll()
    {
        // Polled once when it comes online (discovery), then not again for an hour: only a push can bring the change.
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?>
        {
            ["Dashboard:Polling:Interval"] = "01:00:00",
        }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        var requestsBefore = device.RequestsHandled;

        device.ChangePoint(PushScenario.Temperature, "30.5");

        await Eventually.WaitUntilAsync(() => scenario.Points.Any(m => m.Jid == device.Jid.ToString()
            && m.Points.Any(p => p.Name == PushScenario.Temperature && p.Value == "30.5" && p.Delivery == "Push" && p.Quality == "Good")),
            PushScenario.Deadline, "the pushed value in a SignalR message, marked Push and Good", Ct);
        await using var db = await scenario.DatabaseAsync(Ct);
        await Eventually.WaitUntilAsync(async () => await db.Samples.AnyAsync(s => s.PointName == PushScenario.Temperature && s.Value == "30.5"
            && s.Origin == SampleOrigin.Push, Ct), PushScenario.Deadline, "the pushed value stored as a Push sample", Ct);
        Assert.Equal(requestsBefore, device.RequestsHandled);
        Assert.True(device.WebBinder!.WritesSent >= 1);
    }

    [Fact]
    public async Task PushedPoint_IsLeftOutOfRegularPolls_WhileOtherPointsArePolled()
    {
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?>
        {
            ["Dashboard:Polling:Interval"] = "00:00:01",
            ["Dashboard:Push:SafetyPollInterval"] = "00:10:00",
        }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        device.ChangePoint(PushScenario.Temperature, "19.5");
        await Eventually.WaitUntilAsync(() => scenario.Registry.Find(device.Jid)?.Points.GetValueOrDefault(PushScenario.Temperature)
            is { Value: "19.5", Delivery: PointDelivery.Push }, PushScenario.Deadline, "the temperature marked as pushed", Ct);
        var (temperatureReads, setpointReads) = (device.TimesRead(PushScenario.Temperature), device.TimesRead(PushScenario.Setpoint));

        await Eventually.WaitUntilAsync(() => device.TimesRead(PushScenario.Setpoint) >= setpointReads + 3, PushScenario.Deadline,
            "three more regular polls of the setpoint", Ct);

        Assert.Equal(temperatureReads, device.TimesRead(PushScenario.Temperature));
        Assert.Equal(DeviceDelivery.Mixed, scenario.Registry.Find(device.Jid)!.Delivery);
    }

    [Fact]
    public async Task SilentBinding_IsFoundByTheSafetyPoll_AndThePointIsPolledAgain()
    {
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?>
        {
            ["Dashboard:Polling:Interval"] = "00:00:01",
            ["Dashboard:Push:SafetyPollInterval"] = "00:00:03",
        }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        device.ChangePoint(PushScenario.Temperature, "20.5");
        await Eventually.WaitUntilAsync(() => scenario.Registry.Find(device.Jid)?.Points.GetValueOrDefault(PushScenario.Temperature)
            is { Value: "20.5", Delivery: PointDelivery.Push }, PushScenario.Deadline, "the temperature pushed", Ct);

        device.BindingsSilent = true;
        device.ChangePoint(PushScenario.Temperature, "24.0");

        await Eventually.WaitUntilAsync(() => scenario.Registry.Find(device.Jid)?.Points.GetValueOrDefault(PushScenario.Temperature)
            is { Value: "24.0", Delivery: PointDelivery.Poll, Origin: SampleOrigin.Poll }, PushScenario.Deadline,
            "the safety poll reading the change the binding did not send, and the point polled again", Ct);
    }
}
