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

/// <summary>Two sessions binding the same resource on a real Prosody: the one pushed out must not fight back.</summary>
[Collection(ProsodyCollection.Name)]
public sealed class ResourceConflictTests(ProsodyFixture prosody) : IDisposable
{
    [Fact]
    public async Task SameResourceBoundTwice_TheOldSessionFailsWithConflictAndDoesNotReconnect()
    {
        var ct = TestContext.Current.CancellationToken;
        var (jid, password) = await ClientFactory.NewAccountAsync(prosody, "twin");
        await using var first = ClientFactory.Bosh(prosody, jid, password);
        await using var second = ClientFactory.Bosh(prosody, jid, password);
        var failed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnecting = false;
        first.StateChanged += (_, e) =>
        {
            if (e.State == XmppConnectionState.Failed)
            {
                failed.TrySetResult(e.Error);
            }

            reconnecting |= e.State == XmppConnectionState.Reconnecting;
        };
        await first.ConnectAsync(ct);

        await second.ConnectAsync(ct);

        var error = await failed.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal("conflict", Assert.IsType<XmppStreamErrorException>(error).Condition);
        Assert.False(reconnecting);
        Assert.Equal(XmppConnectionState.Connected, second.State);
        await second.PingAsync(cancellationToken: ct);
    }

    public void Dispose() => prosody.AttachLogIfFailed();
}
