using Dashboard.Testing;
using Dashboard.Xmpp;

namespace Dashboard.Integration.Tests.Xmpp;

/// <summary>A real Prosody stopped and started under a live BOSH session (its own server: the others keep theirs).</summary>
public sealed class ReconnectTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IDisposable
{
    [Fact]
    public async Task ServerRestart_UnderALiveBoshSession_ReconnectsAndRaisesResynchronized()
    {
        var ct = TestContext.Current.CancellationToken;
        var (jid, password) = await ClientFactory.NewAccountAsync(prosody, "survivor");
        await using var client = ClientFactory.Bosh(prosody, jid, password);
        var states = new List<XmppConnectionState>();
        var resynchronized = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) => { lock (states) { states.Add(e.State); } };
        client.Resynchronized += (_, _) => resynchronized.TrySetResult();
        await client.ConnectAsync(ct);

        await prosody.StopAsync(ct);
        await Eventually.WaitUntilAsync(() => client.State == XmppConnectionState.Reconnecting, TimeSpan.FromSeconds(90),
            "the client to notice the server is gone", ct);
        await prosody.StartAsync(ct);

        await resynchronized.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        Assert.Equal(XmppConnectionState.Connected, client.State);
        await client.PingAsync(cancellationToken: ct);
        lock (states)
        {
            Assert.Contains(XmppConnectionState.Reconnecting, states);
            Assert.Equal(XmppConnectionState.Connected, states[^1]);
        }
    }

    public void Dispose() => prosody.AttachLogIfFailed();
}
