using Dashboard.Integration.Tests.Hub;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Hub;
using Dashboard.Web.Security;
using Dashboard.Web.Settings;
using Dashboard.Xmpp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Settings;

/// <summary>Connection settings saved at runtime: the hub on real Prosody leaves its session and logs in with the new ones.</summary>
public sealed class SettingsReconnectTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly System.Security.Claims.ClaimsPrincipal Ada = TestUsers.Signed("admin-ada", DashboardRoles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_OtherAccount_HubReconnectsAsItAndItsDevicesComeOnline()
    {
        var (first, second) = ($"first{Guid.NewGuid():N}"[..14], $"second{Guid.NewGuid():N}"[..14]);
        var accounts = SimulatorFleet.Accounts(2, Random.Shared.Next(1, 100_000));
        await prosody.CreateAccountsAsync([.. accounts, (first, "first-password"), (second, "second-password")], Ct);
        await using var dashboard = await InProcessDashboard.StartAsync(prosody, first, "first-password");
        // The devices know only the second account as their dashboard.
        await using var fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = $"{second}@{prosody.Domain}",
            TickInterval = TimeSpan.FromSeconds(1),
        }, accounts, NullLoggerFactory.Instance, cancellationToken: Ct);
        var hub = dashboard.Get<XmppHub>();
        var registry = dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => hub.Connection.IsConnected, Deadline, "the hub connected as the first account", Ct);
        var firstClient = hub.Client;
        Assert.StartsWith($"{first}@", hub.Connection.BoundJid, StringComparison.Ordinal);

        var settings = dashboard.Get<ConnectionSettingsProvider>();
        var changed = await dashboard.Get<ConnectionSettingsService>().SaveAsync(ConnectionSettingsChange.From(settings.Current) with
        {
            Jid = $"{second}@{prosody.Domain}",
            NewPassword = "second-password",
        }, Ada, Ct);

        Assert.Equal(["Jid", "Password"], changed);
        await Eventually.WaitUntilAsync(() => hub.Connection is { IsConnected: true, BoundJid: { } bound } && bound.StartsWith($"{second}@", StringComparison.Ordinal),
            Deadline, "the hub connected as the second account", Ct);
        Assert.NotSame(firstClient, hub.Client);
        Assert.Equal(XmppConnectionState.Disconnected, firstClient!.State);
        await Eventually.WaitUntilAsync(() => fleet.Devices.All(d => registry.Find(d.Jid) is { IsOnline: true }), Deadline,
            "the second account's devices online", Ct);
    }

    [Fact]
    public async Task SaveAsync_WrongPassword_HubFailsWithTheServersReason()
    {
        var user = $"dash{Guid.NewGuid():N}"[..14];
        await prosody.CreateAccountAsync(user, "right-password", Ct);
        await using var dashboard = await InProcessDashboard.StartAsync(prosody, user, "right-password");
        var hub = dashboard.Get<XmppHub>();
        await Eventually.WaitUntilAsync(() => hub.Connection.IsConnected, Deadline, "the hub connected", Ct);

        var settings = dashboard.Get<ConnectionSettingsProvider>();
        await dashboard.Get<ConnectionSettingsService>().SaveAsync(ConnectionSettingsChange.From(settings.Current) with { NewPassword = "wrong-password" }, Ada, Ct);

        await Eventually.WaitUntilAsync(() => hub.Connection.State == XmppConnectionState.Failed, Deadline, "the login refused", Ct);
        Assert.Contains("not-authorized", hub.Connection.LastError, StringComparison.Ordinal);
    }

    public void Dispose() => prosody.AttachLogIfFailed();
}
