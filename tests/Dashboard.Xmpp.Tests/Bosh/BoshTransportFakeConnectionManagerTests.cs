using System.Globalization;
using System.Xml.Linq;
using Dashboard.Xmpp.Bosh;

namespace Dashboard.Xmpp.Tests.Bosh;

/// <summary>
/// BOSH edge cases (PROTOCOL.md) that a real server will not produce on demand, against the scripted
/// FakeConnectionManager. Behaviour against real servers is covered by the Prosody/ejabberd integration tests.
/// </summary>
public sealed class BoshTransportFakeConnectionManagerTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private FakeConnectionManager _fake = null!;
    private BoshTransport _transport = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeConnectionManager.StartAsync();
        _transport = new BoshTransport(new BoshOptions
        {
            Url = _fake.Url,
            Wait = TimeSpan.FromSeconds(2),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            SecondaryTimeout = TimeSpan.FromMilliseconds(300),
            MaxRequestBytes = 16 * 1024,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Open_CreationRequest_IsEmptyWithLiteralXmppPrefixAndVersion111()
    {
        var features = await _transport.OpenAsync("xmpp.test", Ct);

        var creation = _fake.Requests.First();
        Assert.Contains("xmlns:xmpp='urn:xmpp:xbosh'", creation.Text, StringComparison.Ordinal);
        Assert.Contains("xmpp:version='1.0'", creation.Text, StringComparison.Ordinal);
        Assert.Contains("ver='1.11'", creation.Text, StringComparison.Ordinal);
        Assert.Contains("to='xmpp.test'", creation.Text, StringComparison.Ordinal);
        Assert.False(creation.Body.HasElements);
        Assert.InRange(creation.Rid, 1, (1L << 53) - (1L << 32));
        Assert.Equal("features", features.Name.LocalName);
        Assert.Equal("fake-sid", _transport.Session!.Sid);
    }

    [Fact]
    public async Task Open_NoFeaturesInCreationResponse_PollsUntilTheyCome()
    {
        var polls = 0;
        _fake.Script = r => Task.FromResult(r.Sid is null
            ? FakeReply.Body(attributes: " sid='fake-sid' requests='2' hold='1' wait='2' inactivity='30' polling='0'")
            : r.Sid is not null && Interlocked.Increment(ref polls) == 2
                ? FakeReply.Body("<stream:features><late/></stream:features>")
                : polls < 2 ? FakeReply.Body() : null);

        var features = await _transport.OpenAsync("xmpp.test", Ct);

        Assert.Equal("late", features.Elements().Single().Name.LocalName);
    }

    [Fact]
    public async Task Incoming_ResponsesArriveOutOfRidOrder_AreDeliveredInRidOrder()
    {
        // The first stanza request is answered only after the second one: delivery must still follow rids.
        var firstAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _fake.Script = async r =>
        {
            var marker = r.Body.Descendants().FirstOrDefault(e => e.Name.LocalName == "body")?.Value;
            if (marker == "one")
            {
                await firstAnswered.Task.WaitAsync(Deadline);
                return FakeReply.Body("<message xmlns='jabber:client'><body>reply-one</body></message>");
            }

            if (marker == "two")
            {
                _ = Task.Delay(200).ContinueWith(_ => firstAnswered.TrySetResult(), TaskScheduler.Default);
                return FakeReply.Body("<message xmlns='jabber:client'><body>reply-two</body></message>");
            }

            return null;
        };
        await _transport.OpenAsync("xmpp.test", Ct);
        await WaitForHeldPollAsync();

        _transport.Send(Message("one"));
        await Eventually(() => _fake.Requests.Any(r => r.Text.Contains(">one<", StringComparison.Ordinal)));
        _transport.Send(Message("two"));

        var received = new List<string>();
        while (received.Count < 2)
        {
            var stanza = await _transport.Incoming.ReadAsync(Ct).AsTask().WaitAsync(Deadline, Ct);
            received.Add(stanza.Value);
        }

        Assert.Equal(["reply-one", "reply-two"], received);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(500)]
    public async Task Send_ServerErrorOnce_IsResentByteIdenticalUnderTheSameRid(int status)
    {
        var failed = 0;
        _fake.Script = r => Task.FromResult(r.Body.HasElements && Interlocked.Increment(ref failed) == 1
            ? new FakeReply(status, "<html><body>Bad gateway</body></html>", "text/html") : null);
        await _transport.OpenAsync("xmpp.test", Ct);

        _transport.Send(Message("precious"));

        await Eventually(() => _fake.RequestsWhere(r => r.Body.HasElements).Length >= 2);
        var sends = _fake.RequestsWhere(r => r.Body.HasElements);
        Assert.Equal(sends[0].Rid, sends[1].Rid);
        Assert.Equal(sends[0].Text, sends[1].Text);
        Assert.True(_transport.Retries >= 1);
    }

    [Fact]
    public async Task Send_EmptyAndHtmlAnswersFromAProxy_AreRetriedThenEndTheSessionAsProxyError()
    {
        var answers = 0;
        _fake.Script = r => Task.FromResult(r.Body.HasElements
            ? (Interlocked.Increment(ref answers) % 2 == 0 ? new FakeReply(200, "", "text/xml") : new FakeReply(200, "<!DOCTYPE html><html/>", "text/html"))
            : null);
        await _transport.OpenAsync("xmpp.test", Ct);

        _transport.Send(Message("lost"));

        var error = await Assert.ThrowsAsync<BoshException>(() => DrainAsync());
        Assert.Equal(BoshCondition.ProxyError, error.Condition);
        Assert.True(error.IsRecoverable);
        Assert.Single(_fake.RequestsWhere(r => r.Body.HasElements).Select(r => r.Rid).Distinct());
    }

    [Fact]
    public async Task Slots_ManyStanzasAtOnce_NeverMoreThanTheGrantedRequestsInFlight()
    {
        _fake.Script = async r =>
        {
            if (r.Body.HasElements)
            {
                await Task.Delay(30);
            }

            return null;
        };
        await _transport.OpenAsync("xmpp.test", Ct);

        for (var i = 0; i < 300; i++)
        {
            _transport.Send(Message($"m{i}"));
        }

        await Eventually(() => _fake.Requests.Sum(r => r.Body.Elements().Count()) >= 300 && _transport.Queued == 0);
        Assert.True(_fake.MaxConcurrent <= 2, $"{_fake.MaxConcurrent} requests were open at once; the server granted 2");
        Assert.True(_fake.RequestsWhere(r => r.Body.HasElements).Length < 300, "stanzas queued together are batched into one body");
        var rids = _fake.Requests.Select(r => r.Rid).Distinct().Order().ToArray();
        Assert.Equal(rids.Length, rids[^1] - rids[0] + 1); // no rid skipped
    }

    [Fact]
    public async Task Polling_EmptyAnswersAtOnce_EmptyPollsAreNoCloserThanThePollingInterval()
    {
        _fake.Grants = " requests='2' hold='0' wait='2' inactivity='30' polling='1' ver='1.11'";
        _fake.Script = r => Task.FromResult(r.Sid is not null && !r.Body.HasElements ? FakeReply.Body() : null);
        var times = new List<DateTime>();
        _fake.Script = r =>
        {
            if (r.Sid is not null && !r.Body.HasElements)
            {
                lock (times)
                {
                    times.Add(DateTime.UtcNow);
                }

                return Task.FromResult<FakeReply?>(FakeReply.Body());
            }

            return Task.FromResult<FakeReply?>(null);
        };
        await _transport.OpenAsync("xmpp.test", Ct);

        await Eventually(() => { lock (times) { return times.Count >= 3; } });

        lock (times)
        {
            for (var i = 1; i < times.Count; i++)
            {
                Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(950), $"empty polls {(times[i] - times[i - 1]).TotalMilliseconds:0} ms apart");
            }
        }
    }

    [Fact]
    public async Task Polling_EmptyAnswerHeldPastThePollingInterval_NextPollGoesAtOnce()
    {
        // A held poll that comes back empty when `wait` runs out is the normal long-poll cycle, not fast polling:
        // the next poll must follow at once, or the server has no request to answer with in between.
        _fake.Grants = " requests='2' hold='1' wait='3' inactivity='30' polling='2' ver='1.11'";
        var sent = new List<DateTime>();
        var answered = new List<DateTime>();
        _fake.Script = async r =>
        {
            if (r.Sid is null || r.Body.HasElements)
            {
                return null;
            }

            lock (sent)
            {
                sent.Add(DateTime.UtcNow);
            }

            await Task.Delay(TimeSpan.FromSeconds(2.5), Ct); // the server holds it past `polling`, short of `wait`
            lock (sent)
            {
                answered.Add(DateTime.UtcNow);
            }

            return FakeReply.Body();
        };
        await _transport.OpenAsync("xmpp.test", Ct);

        await Eventually(() => { lock (sent) { return sent.Count >= 3; } });

        lock (sent)
        {
            for (var i = 1; i < 3; i++)
            {
                var gap = sent[i] - answered[i - 1];
                Assert.True(gap < TimeSpan.FromSeconds(1.5), $"poll {i} left {gap.TotalMilliseconds:0} ms after the held one came back");
            }
        }
    }

    [Theory]
    [InlineData("item-not-found", BoshCondition.ItemNotFound, true)]
    [InlineData("system-shutdown", BoshCondition.SystemShutdown, true)]
    [InlineData("remote-connection-failed", BoshCondition.RemoteConnectionFailed, true)]
    [InlineData("host-gone", BoshCondition.HostGone, true)]
    [InlineData("internal-server-error", BoshCondition.InternalServerError, true)]
    [InlineData("undefined-condition", BoshCondition.UndefinedCondition, true)]
    [InlineData("something-new", BoshCondition.UndefinedCondition, true)]
    [InlineData("bad-request", BoshCondition.BadRequest, false)]
    [InlineData("improper-addressing", BoshCondition.ImproperAddressing, false)]
    [InlineData("host-unknown", BoshCondition.HostUnknown, false)]
    [InlineData("policy-violation", BoshCondition.PolicyViolation, false)]
    public async Task Terminate_EachCondition_EndsWithTheTypedErrorAndItsRecoverability(string condition, BoshCondition expected, bool recoverable)
    {
        await _transport.OpenAsync("xmpp.test", Ct);
        _fake.Script = r => Task.FromResult<FakeReply?>(r.Body.HasElements
            ? FakeReply.Body(attributes: $" type='terminate' condition='{condition}'") : null);

        _transport.Send(Message("bye"));

        var error = await Assert.ThrowsAsync<BoshException>(() => DrainAsync());
        Assert.Equal(expected, error.Condition);
        Assert.Equal(recoverable, error.IsRecoverable);
    }

    [Theory]
    [InlineData(404, BoshCondition.ItemNotFound, true)]
    [InlineData(400, BoshCondition.BadRequest, false)]
    [InlineData(403, BoshCondition.PolicyViolation, false)]
    public async Task LegacyHttpStatus_InsteadOfTerminate_MapsToTheCondition(int status, BoshCondition expected, bool recoverable)
    {
        await _transport.OpenAsync("xmpp.test", Ct);
        _fake.Script = r => Task.FromResult<FakeReply?>(r.Body.HasElements ? new FakeReply(status, "") : null);

        _transport.Send(Message("x"));

        var error = await Assert.ThrowsAsync<BoshException>(() => DrainAsync());
        Assert.Equal(expected, error.Condition);
        Assert.Equal(recoverable, error.IsRecoverable);
    }

    [Fact]
    public async Task Terminate_RemoteStreamError_DeliversTheStanzasBeforeTheErrorFirst()
    {
        await _transport.OpenAsync("xmpp.test", Ct);
        _fake.Script = r => Task.FromResult<FakeReply?>(r.Body.HasElements
            ? FakeReply.Body("<message xmlns='jabber:client'><body>last words</body></message>"
                + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>",
                " type='terminate' condition='remote-stream-error'")
            : null);

        _transport.Send(Message("x"));

        var first = await _transport.Incoming.ReadAsync(Ct).AsTask().WaitAsync(Deadline, Ct);
        var second = await _transport.Incoming.ReadAsync(Ct).AsTask().WaitAsync(Deadline, Ct);
        Assert.Equal("last words", first.Value);
        Assert.Equal(XmppNamespaces.Streams + "error", second.Name);
        var error = await Assert.ThrowsAsync<BoshException>(() => DrainAsync());
        Assert.Equal(BoshCondition.RemoteStreamError, error.Condition);
    }

    [Theory]
    [InlineData("https://other.example/http-bind", true)]
    [InlineData("http://other.example/http-bind", false)]
    public async Task Terminate_SeeOtherUri_ExposesOnlyAnHttpsUri(string uri, bool exposed)
    {
        await _transport.OpenAsync("xmpp.test", Ct);
        _fake.Script = r => Task.FromResult<FakeReply?>(r.Body.HasElements
            ? FakeReply.Body($"<uri>{uri}</uri>", " type='terminate' condition='see-other-uri'") : null);

        _transport.Send(Message("x"));

        var error = await Assert.ThrowsAsync<BoshException>(() => DrainAsync());
        Assert.Equal(BoshCondition.SeeOtherUri, error.Condition);
        Assert.False(error.IsRecoverable);
        Assert.Equal(exposed ? new Uri(uri) : null, error.SeeOtherUri);
    }

    [Fact]
    public async Task Response_BillionLaughs_IsRefusedAsMalformedNeverExpanded()
    {
        await _transport.OpenAsync("xmpp.test", Ct);
        _fake.Script = r => Task.FromResult<FakeReply?>(r.Body.HasElements
            ? new FakeReply(200, "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
                + "<body xmlns='http://jabber.org/protocol/httpbind'><message xmlns='jabber:client'><body>&lol2;</body></message></body>") : null);

        _transport.Send(Message("x"));

        var error = await Assert.ThrowsAsync<BoshException>(() => DrainAsync());
        Assert.Equal(BoshCondition.MalformedResponse, error.Condition);
    }

    [Fact]
    public async Task Open_AbsurdGrants_AreClampedAndTheSessionWorks()
    {
        _fake.Grants = " requests='0' hold='99' wait='0' inactivity='30' polling='0' ver='1.11'";
        await _transport.OpenAsync("xmpp.test", Ct);

        Assert.Equal(1, _transport.Session!.Requests);
        Assert.Equal(0, _transport.Session.Hold);
        Assert.Equal(TimeSpan.FromSeconds(1), _transport.Session.Wait);
        _transport.Send(Message("still works"));
        await Eventually(() => _fake.Requests.Any(r => r.Text.Contains("still works", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Restart_AfterSasl_SendsAnEmptyRestartBodyAndReturnsTheNewFeatures()
    {
        await _transport.OpenAsync("xmpp.test", Ct);

        var features = await _transport.RestartAsync(Ct).WaitAsync(Deadline, Ct);

        var restart = _fake.RequestsWhere(r => r.Text.Contains("xmpp:restart='true'", StringComparison.Ordinal)).Single();
        Assert.False(restart.Body.HasElements);
        Assert.Contains("to='xmpp.test'", restart.Text, StringComparison.Ordinal);
        Assert.Contains("xml:lang='en'", restart.Text, StringComparison.Ordinal);
        Assert.NotNull(features.Element(XmppNamespaces.Bind + "bind"));
    }

    [Fact]
    public async Task Close_CarriesTheFinalStanzaInATerminateBody()
    {
        await _transport.OpenAsync("xmpp.test", Ct);

        await _transport.CloseAsync(new XElement(XmppNamespaces.Client + "presence", new XAttribute("type", "unavailable")), Ct);

        var terminate = _fake.RequestsWhere(r => (string?)r.Body.Attribute("type") == "terminate").Single();
        Assert.Equal("unavailable", (string?)terminate.Body.Elements().Single().Attribute("type"));
        Assert.True(_transport.Incoming.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Send_StanzaOverTheBodyCap_IsRefusedAndTheSessionContinues()
    {
        await _transport.OpenAsync("xmpp.test", Ct);

        var error = Assert.Throws<BoshException>(() => _transport.Send(Message(new string('x', 20 * 1024))));

        Assert.Equal(BoshCondition.BodyTooLarge, error.Condition);
        _transport.Send(Message("small"));
        await Eventually(() => _fake.Requests.Any(r => r.Text.Contains(">small<", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Report_ServerReportsALostRequest_ItIsResentUnchanged()
    {
        var reported = 0;
        _fake.Script = r =>
        {
            if (r.Body.HasElements && r.Text.Contains(">second<", StringComparison.Ordinal) && Interlocked.Increment(ref reported) == 1)
            {
                var first = _fake.RequestsWhere(q => q.Text.Contains(">first<", StringComparison.Ordinal)).First();
                return Task.FromResult<FakeReply?>(FakeReply.Body(attributes: $" report='{first.Rid.ToString(CultureInfo.InvariantCulture)}' time='10'"));
            }

            return Task.FromResult<FakeReply?>(null);
        };
        await _transport.OpenAsync("xmpp.test", Ct);

        _transport.Send(Message("first"));
        await Eventually(() => _fake.Requests.Any(r => r.Text.Contains(">first<", StringComparison.Ordinal)));
        _transport.Send(Message("second"));

        await Eventually(() => _fake.RequestsWhere(r => r.Text.Contains(">first<", StringComparison.Ordinal)).Length == 2);
        var firsts = _fake.RequestsWhere(r => r.Text.Contains(">first<", StringComparison.Ordinal));
        Assert.Equal(firsts[0].Text, firsts[1].Text);
    }

    [Fact]
    public async Task SecondaryTimeout_EarlierRequestStaysOpenAfterALaterOneIsAnswered_IsResent()
    {
        var swallowed = 0;
        _fake.Script = async r =>
        {
            if (r.Text.Contains(">swallowed<", StringComparison.Ordinal) && Interlocked.Increment(ref swallowed) == 1)
            {
                await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken).ConfigureAwait(false);
            }

            return null;
        };
        await _transport.OpenAsync("xmpp.test", Ct);
        await WaitForHeldPollAsync();

        _transport.Send(Message("swallowed"));
        await Eventually(() => _fake.Requests.Any(r => r.Text.Contains(">swallowed<", StringComparison.Ordinal)));
        _transport.Send(Message("later"));

        await Eventually(() => _fake.RequestsWhere(r => r.Text.Contains(">swallowed<", StringComparison.Ordinal)).Length >= 2);
        var both = _fake.RequestsWhere(r => r.Text.Contains(">swallowed<", StringComparison.Ordinal));
        Assert.Equal(both[0].Rid, both[1].Rid);
    }

    [Fact]
    public async Task Order_AReplyWithinTheReactionWindow_GoesAloneWithoutAFreshPollAhead()
    {
        await using var transport = new BoshTransport(new BoshOptions
        {
            Url = _fake.Url, Wait = TimeSpan.FromSeconds(2), ReactionWindow = TimeSpan.FromSeconds(1),
            LoginReactionWindow = TimeSpan.FromMinutes(1),
        });
        ScriptFirstPollAnswersPingLaterPollsAreHeld();
        await transport.OpenAsync("xmpp.test", Ct);
        await transport.RestartAsync(Ct).WaitAsync(Deadline, Ct); // past the login, where the short window applies

        await transport.Incoming.ReadAsync(Ct).AsTask().WaitAsync(Deadline, Ct);
        await Task.Delay(100, Ct); // the application's own time to answer, well inside the window
        transport.Send(Message("pong"));

        await Eventually(() => _fake.Requests.Any(r => r.Text.Contains(">pong<", StringComparison.Ordinal)));
        var firstPoll = _fake.Requests.First(IsEmptyPoll);
        var pong = _fake.Requests.Single(r => r.Text.Contains(">pong<", StringComparison.Ordinal));
        Assert.Equal(firstPoll.Rid + 1, pong.Rid);
    }

    [Fact]
    public async Task HeldPoll_LongerThanAShortClientTimeoutWouldAllow_IsNotAbortedOrRetried()
    {
        await _transport.OpenAsync("xmpp.test", Ct);

        // The fake holds each empty poll for its full two-second wait; the client must let it run.
        await Eventually(() => _fake.RequestsWhere(r => r.Sid is not null && !r.Body.HasElements).Length >= 2);

        Assert.Equal(0, _transport.Retries);
    }

    [Fact]
    public async Task Incoming_StanzasWithTheHttpbindNamespace_AreDeliveredAsJabberClient()
    {
        await _transport.OpenAsync("xmpp.test", Ct);
        await WaitForHeldPollAsync();

        _fake.Push("<message from='a@xmpp.test/r'><body>inherited</body></message>");

        var stanza = await _transport.Incoming.ReadAsync(Ct).AsTask().WaitAsync(Deadline, Ct);
        Assert.Equal(XmppNamespaces.Client + "message", stanza.Name);
        Assert.Equal("inherited", (string?)stanza.Element(XmppNamespaces.Client + "body"));
    }

    private static XElement Message(string text) =>
        new(XmppNamespaces.Client + "message", new XAttribute("to", "peer@xmpp.test"), new XElement(XmppNamespaces.Client + "body", text));

    private async Task DrainAsync()
    {
        await foreach (var _ in _transport.Incoming.ReadAllAsync(Ct).WithCancellation(Ct))
        {
        }
    }

    /// <summary>The first empty poll is answered with a ping at once; every later one is held for `wait`.</summary>
    private void ScriptFirstPollAnswersPingLaterPollsAreHeld()
    {
        var polls = 0;
        _fake.Script = async r =>
        {
            if (!IsEmptyPoll(r))
            {
                return null;
            }

            if (Interlocked.Increment(ref polls) == 1)
            {
                return FakeReply.Body("<message xmlns='jabber:client' from='a@xmpp.test/r'><body>ping</body></message>");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            return FakeReply.Body();
        };
    }

    private static bool IsEmptyPoll(ReceivedRequest r) =>
        r.Sid is not null && !r.Body.HasElements && r.Body.Attribute(XNamespace.Get("urn:xmpp:xbosh") + "restart") is null;

    private Task WaitForHeldPollAsync() => Eventually(() => _fake.Requests.Any(IsEmptyPoll));

    private static Task Eventually(Func<bool> condition) =>
        Dashboard.Testing.Eventually.WaitUntilAsync(condition, Deadline, "the fake connection manager's condition", Ct);
}
