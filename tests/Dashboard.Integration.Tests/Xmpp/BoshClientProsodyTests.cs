using System.Xml.Linq;
using Dashboard.Testing;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Integration.Tests.Xmpp;

/// <summary>The XMPP client over BOSH against a real Prosody.</summary>
[Collection(ProsodyCollection.Name)]
public sealed class BoshClientProsodyTests(ProsodyFixture prosody) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(SaslMechanismNames.ScramSha256)]
    [InlineData(SaslMechanismNames.ScramSha1)]
    public async Task Connect_WithScram_LogsInAndBindsTheResource(string mechanism)
    {
        var (jid, password) = await ClientFactory.NewAccountAsync(prosody, "scram");
        await using var client = ClientFactory.Bosh(prosody, jid, password, SaslPolicy.Default with { PreferredMechanisms = [mechanism] });

        await client.ConnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(mechanism, client.SaslMechanism);
        Assert.Equal(XmppConnectionState.Connected, client.State);
        Assert.Equal(jid.WithResource("bosh"), client.BoundJid);
    }

    [Fact]
    public async Task Connect_WrongPassword_FailsWithAuthenticationErrorAndNoRetry()
    {
        var (jid, _) = await ClientFactory.NewAccountAsync(prosody, "wrong");
        await using var client = ClientFactory.Bosh(prosody, jid, "not-the-password");

        var error = await Assert.ThrowsAsync<XmppAuthenticationException>(() => client.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("not-authorized", error.Condition);
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_PlainOverInsecureBoshNotAllowed_ChoosesScramEvenWhenPlainIsOffered()
    {
        var (jid, password) = await ClientFactory.NewAccountAsync(prosody, "noplain");
        await using var client = ClientFactory.Bosh(prosody, jid, password,
            SaslPolicy.Default with { PreferredMechanisms = [SaslMechanismNames.Plain, SaslMechanismNames.ScramSha1] });

        await client.ConnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SaslMechanismNames.ScramSha1, client.SaslMechanism);
    }

    [Fact]
    public async Task Presence_BetweenSubscribedAccounts_ArrivesOverBoshAndGoesUnavailableOnClose()
    {
        var ct = TestContext.Current.CancellationToken;
        var (watcherJid, watcherPassword) = await ClientFactory.NewAccountAsync(prosody, "watcher");
        var (deviceJid, devicePassword) = await ClientFactory.NewAccountAsync(prosody, "device");
        await using var watcher = ClientFactory.Bosh(prosody, watcherJid, watcherPassword);
        var device = ClientFactory.Tcp(prosody, deviceJid, devicePassword);
        var presences = new List<XmppPresence>();
        watcher.PresenceReceived += (_, p) => { lock (presences) { presences.Add(p); } };
        device.SubscriptionRequested += (_, from) => device.ApproveSubscription(from);
        await watcher.ConnectAsync(ct);
        await device.ConnectAsync(ct);

        await watcher.AddContactAsync(deviceJid, "Device", ct);

        await Eventually.WaitUntilAsync(() => Snapshot(presences).Any(p => p.From.Bare == deviceJid && p.Availability == PresenceAvailability.Available),
            Deadline, "the device's available presence", ct);
        await device.DisposeAsync();
        await Eventually.WaitUntilAsync(() => Snapshot(presences).Any(p => p.From.Bare == deviceJid && p.Availability == PresenceAvailability.Unavailable),
            Deadline, "the device's unavailable presence", ct);
        Assert.Contains(watcher.Roster, item => item.Jid == deviceJid && item.Subscription is RosterSubscription.To or RosterSubscription.Both);
    }

    [Fact]
    public async Task Messages_ThousandFromATcpPeer_ArriveOverBoshInOrderNoneLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var (receiverJid, receiverPassword) = await ClientFactory.NewAccountAsync(prosody, "receiver");
        var (senderJid, senderPassword) = await ClientFactory.NewAccountAsync(prosody, "sender");
        await using var receiver = ClientFactory.Bosh(prosody, receiverJid, receiverPassword);
        await using var sender = ClientFactory.Tcp(prosody, senderJid, senderPassword);
        var bodies = new List<int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.MessageReceived += (_, m) =>
        {
            lock (bodies)
            {
                bodies.Add(int.Parse(m.Body!, System.Globalization.CultureInfo.InvariantCulture));
                if (bodies.Count == 1000)
                {
                    all.TrySetResult();
                }
            }
        };
        await receiver.ConnectAsync(ct);
        await sender.ConnectAsync(ct);

        for (var i = 0; i < 1000; i++)
        {
            sender.Send(new XElement(XmppNamespaces.Client + "message", new XAttribute("to", receiver.BoundJid!),
                new XAttribute("type", "chat"), new XElement(XmppNamespaces.Client + "body", i)));
        }

        await all.Task.WaitAsync(Deadline, ct);
        Assert.Equal(Enumerable.Range(0, 1000), bodies);
    }

    [Fact]
    public async Task Request_IqToAPeer_IsAnsweredAndDiscoShowsItsFeatures()
    {
        var ct = TestContext.Current.CancellationToken;
        var (aJid, aPassword) = await ClientFactory.NewAccountAsync(prosody, "asker");
        var (bJid, bPassword) = await ClientFactory.NewAccountAsync(prosody, "answerer");
        await using var asker = ClientFactory.Bosh(prosody, aJid, aPassword);
        await using var answerer = ClientFactory.Tcp(prosody, bJid, bPassword);
        await asker.ConnectAsync(ct);
        await answerer.ConnectAsync(ct);

        await asker.PingAsync(answerer.BoundJid, ct);
        var info = await asker.DiscoverAsync(answerer.BoundJid!, ct);

        Assert.True(info.Supports("urn:xmpp:ping"));
        Assert.Equal(0, asker.PendingRequests);
    }

    [Fact]
    public async Task Request_ToAnEntityThatDoesNotAnswerIqs_FailsWithAStanzaErrorNotATimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        var (jid, password) = await ClientFactory.NewAccountAsync(prosody, "lonely");
        await using var client = ClientFactory.Bosh(prosody, jid, password);
        await client.ConnectAsync(ct);

        var error = await Assert.ThrowsAsync<StanzaErrorException>(() =>
            client.PingAsync(new Jid("nobody-here", prosody.Domain, "gone"), ct));

        Assert.Equal("service-unavailable", error.Error.Condition);
    }

    [Fact]
    public async Task Disconnect_CleanTerminate_PeerSeesUnavailableAndStateIsDisconnected()
    {
        var ct = TestContext.Current.CancellationToken;
        var (jid, password) = await ClientFactory.NewAccountAsync(prosody, "leaver");
        var client = ClientFactory.Bosh(prosody, jid, password);
        await client.ConnectAsync(ct);

        await client.DisconnectAsync(ct);

        Assert.Equal(XmppConnectionState.Disconnected, client.State);
        Assert.Throws<XmppDisconnectedException>(() => client.SendPresence());
        await client.DisposeAsync();
    }

    public void Dispose() => prosody.AttachLogIfFailed();

    private static List<XmppPresence> Snapshot(List<XmppPresence> presences)
    {
        lock (presences)
        {
            return [.. presences];
        }
    }
}
