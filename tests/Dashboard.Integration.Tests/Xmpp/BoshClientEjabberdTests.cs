using Dashboard.Testing;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Integration.Tests.Xmpp;

/// <summary>The basic set against ejabberd, the second server: its BOSH differs (restart logic, 403s, pause).</summary>
public sealed class BoshClientEjabberdTests(EjabberdFixture ejabberd) : IClassFixture<EjabberdFixture>, IDisposable
{
    private readonly BoshTranscript _transcript = new();

    [Theory]
    [InlineData(SaslMechanismNames.ScramSha512)]
    [InlineData(SaslMechanismNames.ScramSha256)]
    [InlineData(SaslMechanismNames.ScramSha1)]
    public async Task Connect_WithScram_LogsInBindsAndPings(string mechanism)
    {
        var ct = TestContext.Current.CancellationToken;
        var (jid, password) = await ClientFactory.NewAccountAsync(ejabberd, "scram");
        await using var client = ClientFactory.Bosh(ejabberd, jid, password, SaslPolicy.Default with { PreferredMechanisms = [mechanism] },
            transcript: _transcript);

        await client.ConnectAsync(ct);
        await client.PingAsync(new Jid(null, ejabberd.Domain, null), ct);

        Assert.Equal(mechanism, client.SaslMechanism);
        Assert.Equal(jid.WithResource("bosh"), client.BoundJid);
    }

    [Fact]
    public async Task Connect_ManyLoginsEightAtATime_AtMostOneInAHundredIsLost()
    {
        // ejabberd 23 never processes a request that overtook an empty poll it then held, and ends the session
        // when it is resent: without the BOSH pacing 28–38 of these 200 logins failed that way. With it, a
        // loss remains possible when ejabberd takes longer than StartSpacing to take in a poll (seen at most
        // once in 200 under the full test run), so up to two are tolerated and named.
        var ct = TestContext.Current.CancellationToken;
        var (jid, password) = await ClientFactory.NewAccountAsync(ejabberd, "many");
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var transcript = new BoshTranscript();
            await using var client = new XmppClient(
                () => new BoshTransport(new BoshOptions { Url = ejabberd.BoshUri, Wait = TimeSpan.FromSeconds(5) }, logger: transcript),
                new XmppClientOptions { Jid = jid, Password = password, Resource = $"r{i}" });
            transcript.Follow(client);
            try
            {
                await client.ConnectAsync(token);
                await client.PingAsync(new Jid(null, ejabberd.Domain, null), token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Enqueue($"login {i}: {e.Message} {e.InnerException?.Message}\n{transcript.Text}");
            }
        });

        Assert.True(failures.Count <= 2, $"{failures.Count} of 200 logins failed; the first:\n{failures.FirstOrDefault()}");
    }

    [Fact]
    public async Task Messages_FromATcpPeer_ArriveOverBoshInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var (receiverJid, receiverPassword) = await ClientFactory.NewAccountAsync(ejabberd, "receiver");
        var (senderJid, senderPassword) = await ClientFactory.NewAccountAsync(ejabberd, "sender");
        await using var receiver = ClientFactory.Bosh(ejabberd, receiverJid, receiverPassword, transcript: _transcript);
        await using var sender = ClientFactory.Tcp(ejabberd, senderJid, senderPassword);
        var bodies = new List<string>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.MessageReceived += (_, m) =>
        {
            lock (bodies)
            {
                bodies.Add(m.Body!);
                if (bodies.Count == 200)
                {
                    all.TrySetResult();
                }
            }
        };
        await receiver.ConnectAsync(ct);
        await sender.ConnectAsync(ct);

        for (var i = 0; i < 200; i++)
        {
            sender.Send(new System.Xml.Linq.XElement(XmppNamespaces.Client + "message", new System.Xml.Linq.XAttribute("to", receiver.BoundJid!),
                new System.Xml.Linq.XElement(XmppNamespaces.Client + "body", i)));
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), bodies);
    }

    [Fact]
    public async Task Disconnect_CleanTerminate_EndsDisconnected()
    {
        var ct = TestContext.Current.CancellationToken;
        var (jid, password) = await ClientFactory.NewAccountAsync(ejabberd, "leaver");
        var client = ClientFactory.Bosh(ejabberd, jid, password, transcript: _transcript);
        await client.ConnectAsync(ct);

        await client.DisconnectAsync(ct);

        Assert.Equal(XmppConnectionState.Disconnected, client.State);
        await client.DisposeAsync();
    }

    public void Dispose()
    {
        ejabberd.AttachLogIfFailed();
        _transcript.AttachIfFailed();
    }
}
