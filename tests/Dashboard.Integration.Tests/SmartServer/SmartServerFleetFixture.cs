using Dashboard.Integration.Tests.Xmpp;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.SmartServer;

/// <summary>
/// A real Prosody, a fleet of 100 simulated SmartServers on it (over TCP, as field devices would connect),
/// and a client over BOSH (as the dashboard connects) with the typed SmartServer API.
/// </summary>
public sealed class SmartServerFleetFixture : IAsyncLifetime
{
    public const int FleetSize = 100;

    public ProsodyFixture Prosody { get; } = new();

    public SimulatorFleet Fleet { get; private set; } = null!;

    public XmppClient Client { get; private set; } = null!;

    public SmartServerClient SmartServers { get; private set; } = null!;

    public SoapClient Soap { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Prosody.InitializeAsync();
        var accounts = SimulatorFleet.Accounts(FleetSize, seed: 7);
        await Prosody.CreateAccountsAsync([.. accounts, ("dashboard", "dashboard-password")]);
        Fleet = await SimulatorFleet.StartAsync(
            new FleetOptions { Domain = Prosody.Domain, C2sPort = Prosody.C2sPort, Seed = 7, TickInterval = TimeSpan.FromSeconds(1) },
            accounts, NullLoggerFactory.Instance);
        Client = ClientFactory.Bosh(Prosody, new Jid("dashboard", Prosody.Domain, null), "dashboard-password");
        await Client.ConnectAsync();
        Soap = new SoapClient(Client, new SoapOptions { DefaultTimeout = TimeSpan.FromSeconds(10) });
        SmartServers = new SmartServerClient(Soap);
    }

    /// <summary>The full JID a device is reachable at (IQs go to a resource, not the bare JID).</summary>
    public static Jid Address(SimulatedSmartServer device) => device.Jid.WithResource("smartserver");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Fleet.DisposeAsync();
        await Prosody.DisposeAsync();
    }
}
