using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Alarms;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Hub;

/// <summary>
/// A simulated thermostat with a second high limit, driven past it by its plant: the dashboard raises a Critical alarm,
/// through real Prosody, polling over BOSH and SQLite.
/// </summary>
public sealed class CriticalAlarmTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private const string Temperature = SimulatedDevice.Prefix + "VirtFb/temp_thermostat";
    private InProcessDashboard _dashboard = null!;
    private SimulatorFleet _fleet = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var dashboardUser = $"dash{Guid.NewGuid():N}"[..16];
        var accounts = SimulatorFleet.Accounts(1, Random.Shared.Next(400_000, 500_000));
        await prosody.CreateAccountsAsync([.. accounts, (dashboardUser, "dashboard-password")], Ct);
        _dashboard = await InProcessDashboard.StartAsync(prosody, dashboardUser, "dashboard-password");
        _fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = $"{dashboardUser}@{prosody.Domain}",
            TickInterval = TimeSpan.FromSeconds(1),
            SecondHighLimit = 30.0,
        }, accounts, NullLoggerFactory.Instance, cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        prosody.AttachLogIfFailed();
        await _fleet.DisposeAsync();
        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task ThermostatPastItsSecondHighLimit_RaisesAnUnacknowledgedCriticalAlarm()
    {
        var device = _fleet.Devices[0];
        var registry = _dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(device.Jid) is { IsOnline: true, Points.IsEmpty: false }, Deadline, "the device online and read", Ct);

        // The plant: a setpoint far above both limits, held at a high priority, so the room heats past 26 °C and then 30 °C.
        Assert.Null(device.Device.Write(Setpoint, "60.0", null, 10, DateTimeOffset.UtcNow));

        var open = _dashboard.Get<OpenAlarms>();
        await Eventually.WaitUntilAsync(async () => (await open.ReloadAsync(Ct)).Any(a => a.Severity == AlarmSeverity.Critical),
            Deadline, "a Critical alarm raised from the polled status", Ct);
        var critical = (await open.ReloadAsync(Ct)).Single(a => a.Severity == AlarmSeverity.Critical);
        Assert.Equal("AL_HIGH_LMT_ALM_2", critical.Condition);
        Assert.Equal(Temperature, critical.PointName);
        Assert.Equal(device.Jid.Bare.ToString(), critical.Jid);
        Assert.Equal(AlarmState.ActiveUnacknowledged, critical.State);
        Assert.Equal(1, AlarmCounts.Of(await open.ReloadAsync(Ct)).Critical);
    }
}
