using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Xmpp.Tests.Client;

public sealed class IqTrackerTests
{
    private static readonly Jid Own = Jid.Parse("dashboard@xmpp.test/hub");
    private static readonly Jid Device = Jid.Parse("00d071a1b2c3@xmpp.test/smartserver");
    private readonly FakeTimeProvider _time = new();
    private readonly List<XElement> _sent = [];

    [Fact]
    public async Task RequestAsync_ReplyFromTheAddressee_CompletesWithTheReply()
    {
        var tracker = new IqTracker(_time);
        var pending = tracker.RequestAsync(Get(Device), Own, _sent.Add, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(tracker.TryComplete(Result(_sent[0], Device)));

        var reply = await pending.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal("result", (string?)reply.Attribute("type"));
        Assert.Equal(0, tracker.PendingCount);
    }

    [Fact]
    public void RequestAsync_Ids_AreUniqueAndUnguessable()
    {
        var tracker = new IqTracker(_time);
        for (var i = 0; i < 200; i++)
        {
            _ = tracker.RequestAsync(Get(Device), Own, _sent.Add, TimeSpan.FromSeconds(5), CancellationToken.None);
        }

        var ids = _sent.Select(s => (string)s.Attribute("id")!).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.True(id.Length >= 16, $"id '{id}' is too short to be unguessable"));
    }

    [Fact]
    public async Task TryComplete_ReplyFromAnotherEntity_IsDroppedAndTheRequestStillWaits()
    {
        var tracker = new IqTracker(_time);
        var pending = tracker.RequestAsync(Get(Device), Own, _sent.Add, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.False(tracker.TryComplete(Result(_sent[0], Jid.Parse("intruder@xmpp.test/x"))));
        Assert.False(tracker.TryComplete(Result(_sent[0], from: null)));
        Assert.False(pending.IsCompleted);

        Assert.True(tracker.TryComplete(Result(_sent[0], Device)));
        await pending.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TryComplete_ServerRequestAnsweredWithoutFrom_Completes()
    {
        var tracker = new IqTracker(_time);
        var pending = tracker.RequestAsync(Get(to: null), Own, _sent.Add, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(tracker.TryComplete(Result(_sent[0], from: null)));

        await pending.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RequestAsync_NoReplyBeforeTheDeadline_ThrowsTimeoutAndDropsTheLateReply()
    {
        var tracker = new IqTracker(_time);
        var pending = tracker.RequestAsync(Get(Device), Own, _sent.Add, TimeSpan.FromSeconds(5), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(6));

        var error = await Assert.ThrowsAsync<XmppTimeoutException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Contains(Device.ToString(), error.Message, StringComparison.Ordinal);
        Assert.False(tracker.TryComplete(Result(_sent[0], Device)));
    }

    [Fact]
    public async Task TryComplete_ErrorReply_ThrowsStanzaErrorWithTheCondition()
    {
        var tracker = new IqTracker(_time);
        var pending = tracker.RequestAsync(Get(Device), Own, _sent.Add, TimeSpan.FromSeconds(5), CancellationToken.None);
        var reply = Result(_sent[0], Device);
        reply.SetAttributeValue("type", "error");
        reply.Add(new XElement(XmppNamespaces.Client + "error", new XAttribute("type", "cancel"),
            new XElement(XmppNamespaces.StanzaErrors + "service-unavailable")));

        Assert.True(tracker.TryComplete(reply));

        var error = await Assert.ThrowsAsync<StanzaErrorException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal("service-unavailable", error.Error.Condition);
    }

    [Fact]
    public async Task FailAll_Disconnected_FailsEveryWaitingRequestAtOnce()
    {
        var tracker = new IqTracker(_time);
        var first = tracker.RequestAsync(Get(Device), Own, _sent.Add, TimeSpan.FromMinutes(5), CancellationToken.None);
        var second = tracker.RequestAsync(Get(null), Own, _sent.Add, TimeSpan.FromMinutes(5), CancellationToken.None);

        tracker.FailAll(new XmppDisconnectedException("gone"));

        await Assert.ThrowsAsync<XmppDisconnectedException>(() => first.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<XmppDisconnectedException>(() => second.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal(0, tracker.PendingCount);
    }

    private static XElement Get(Jid? to) => new(XmppNamespaces.Client + "iq", new XAttribute("type", "get"),
        to is null ? null : new XAttribute("to", to), new XElement(XmppNamespaces.Ping + "ping"));

    private static XElement Result(XElement request, Jid? from) => new(XmppNamespaces.Client + "iq",
        new XAttribute("type", "result"), new XAttribute("id", (string)request.Attribute("id")!),
        from is null ? null : new XAttribute("from", from));
}
