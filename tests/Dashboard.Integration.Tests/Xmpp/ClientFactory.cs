using Dashboard.Testing;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Sasl;
using Dashboard.Xmpp.Tcp;

namespace Dashboard.Integration.Tests.Xmpp;

/// <summary>Accounts and clients on a fixture's server, over BOSH (the dashboard's way) or TCP (a SmartServer's).</summary>
internal static class ClientFactory
{
    public static async Task<(Jid Jid, string Password)> NewAccountAsync(XmppServerFixture server, string prefix)
    {
        var user = $"{prefix}{Guid.NewGuid():N}"[..20].ToLowerInvariant();
        var password = Guid.NewGuid().ToString("N");
        await server.CreateAccountAsync(user, password, TestContext.Current.CancellationToken);
        return (new Jid(user, server.Domain, null), password);
    }

    public static XmppClient Bosh(XmppServerFixture server, Jid jid, string password, SaslPolicy? sasl = null, ReconnectPolicy? reconnect = null,
        BoshTranscript? transcript = null)
    {
        var client = new XmppClient(() => new BoshTransport(new BoshOptions { Url = server.BoshUri, Wait = TimeSpan.FromSeconds(20) }, logger: transcript),
            new XmppClientOptions { Jid = jid, Password = password, Resource = "bosh", Sasl = sasl ?? SaslPolicy.Default, Reconnect = reconnect ?? Fast });
        transcript?.Follow(client);
        return client;
    }

    public static XmppClient Tcp(XmppServerFixture server, Jid jid, string password) =>
        new(() => new TcpTransport(new TcpTransportOptions { Host = "127.0.0.1", Port = server.C2sPort }),
            new XmppClientOptions { Jid = jid, Password = password, Resource = "tcp", Reconnect = Fast });

    /// <summary>Quick retries, so a restart test does not wait out production backoff.</summary>
    public static ReconnectPolicy Fast { get; } = new() { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) };
}
