using System.Collections.Concurrent;
using System.Diagnostics;
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
        var unanswered = new ConcurrentDictionary<long, long>();
        first.Traffic += (_, e) =>
        {
            if (e.Rid is { } rid && e.Outgoing)
            {
                unanswered[rid] = Stopwatch.GetTimestamp();
            }
            else if (e.Rid is { } answered)
            {
                unanswered.TryRemove(answered, out var _);
            }
        };
        await first.ConnectAsync(ct);
        // Prosody tells a replaced BOSH session only on a request it holds; replaced between two requests, the
        // session is simply gone and its next request meets item-not-found, a lost session the client recovers
        // from (and then replaces the other). So the second logs in once the server has held one of the first's requests a while.
        await Eventually.WaitUntilAsync(() => unanswered.Values.Any(sentAt => Stopwatch.GetElapsedTime(sentAt) > TimeSpan.FromMilliseconds(200)),
            TimeSpan.FromSeconds(15), "the server to hold a request of the first session", ct);

        await second.ConnectAsync(ct);

        var error = await failed.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal("conflict", Assert.IsType<XmppStreamErrorException>(error).Condition);
        Assert.False(reconnecting);
        Assert.Equal(XmppConnectionState.Connected, second.State);
        await second.PingAsync(cancellationToken: ct);
    }

    public void Dispose() => prosody.AttachLogIfFailed();
}
