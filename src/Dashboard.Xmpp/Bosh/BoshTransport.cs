using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Threading.Channels;
using System.Xml.Linq;
using Dashboard.Xmpp.Net;
using Dashboard.Xmpp.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Xmpp.Bosh;

/// <summary>
/// XMPP over BOSH (XEP-0124, XEP-0206). Never more requests in flight than the server granted, one held
/// poll when idle, queued stanzas out at once in the next free slot (batched, no debounce timer), responses
/// delivered strictly in rid order, failed requests resent byte-identical under the same rid.
/// </summary>
public sealed partial class BoshTransport : IXmppTransport
{
    private static readonly XNamespace HttpBind = BoshBodies.HttpBind;
    private readonly BoshOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<XElement> _incoming = Channel.CreateUnbounded<XElement>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sendOrder = new(1, 1);
    private readonly SortedDictionary<long, BoshRequest> _open = [];
    private readonly Dictionary<long, XElement> _answered = [];
    private readonly Dictionary<long, BoshRequest> _recent = [];
    private readonly List<string> _queue = [];
    private string _domain = "";
    private long _nextRid;
    private long _nextDelivery;
    private bool _restartPending;
    private bool _closing;
    private Exception? _failure;
    private long _lastEmptySentAt;
    private bool _lastSentWasEmpty;
    private bool _lastEmptyCameBackEmpty;
    private long _lastEmptyAnsweredAt;
    private long _reactionWindowEndsAt;
    private bool _restartAsked;
    private TaskCompletionSource<XElement>? _featuresWaiter;
    private Task _scheduler = Task.CompletedTask;
    private Task _previousPost = Task.CompletedTask;
    private long _previousPostStartedAt;
    private bool _previousPostWasEmpty;
    private long _retries;

    public BoshTransport(BoshOptions options, HttpClient? httpClient = null, ILogger<BoshTransport>? logger = null)
    {
        _options = options;
        _time = options.TimeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? CreateHttpClient(options);
    }

    /// <inheritdoc />
    public bool IsSecure => _options.Url.Scheme == Uri.UriSchemeHttps;

    public ChannelReader<XElement> Incoming => _incoming.Reader;

    public event EventHandler<TransportTrafficEventArgs>? Traffic;

    /// <summary>What the server granted; null before the session exists.</summary>
    public BoshSessionInfo? Session { get; private set; }

    /// <summary>HTTP requests open right now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _open.Values.Count(r => r.Running);
            }
        }
    }

    /// <summary>Resends since the session started.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Stanzas waiting for a free slot.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    private TimeSpan HttpTimeout => (Session?.Wait ?? _options.Wait) * 1.1 + TimeSpan.FromSeconds(5);

    public async Task<XElement> OpenAsync(string domain, CancellationToken ct)
    {
        _domain = domain;
        _nextRid = RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1024L; // < 2^53 − 2^32, room to count up
        var creation = new BoshRequest(_nextRid++, BoshBodies.Create(_nextRid - 1, domain, _options), isEmpty: false, isRestart: false);
        var response = await SendDirectAsync(creation, ct).ConfigureAwait(false);
        Session = ReadGrants(response);
        Log.SessionCreated(_logger, Session.Sid, Session.Requests, Session.Hold, Session.Wait.TotalSeconds, Session.Inactivity.TotalSeconds);

        // Features may come in the creation response or later: poll (empty bodies) until they do.
        var features = TakeFeatures(response);
        for (var poll = 0; features is null; poll++)
        {
            if (poll >= 10)
            {
                throw new BoshException(BoshCondition.UndefinedCondition, "The server sent no stream features after 10 polls.");
            }

            var next = new BoshRequest(_nextRid++, BoshBodies.Payload(_nextRid - 1, Session.Sid, []), isEmpty: true, isRestart: false);
            features = TakeFeatures(await SendDirectAsync(next, ct).ConfigureAwait(false));
        }

        _nextDelivery = _nextRid;
        _reactionWindowEndsAt = ReactionWindowEnd(_time.GetTimestamp()); // the features just came
        _scheduler = RunSchedulerAsync();
        return features;
    }

    public async Task<XElement> RestartAsync(CancellationToken ct)
    {
        var waiter = new TaskCompletionSource<XElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ThrowIfEnded();
            _featuresWaiter = waiter;
            _restartPending = true;
            _restartAsked = true;
        }

        Wake();
        return await waiter.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public void Send(XElement stanza)
    {
        var text = stanza.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > _options.MaxRequestBytes - 256)
        {
            throw new BoshException(BoshCondition.BodyTooLarge,
                $"A stanza of {text.Length} characters exceeds the request body cap of {_options.MaxRequestBytes} bytes; it was not sent.");
        }

        lock (_gate)
        {
            ThrowIfEnded();
            _queue.Add(text);
        }

        Wake();
    }

    /// <summary>Asks the server to keep the session while the client sends nothing; only when it offered <c>maxpause</c>.</summary>
    public async Task PauseAsync(TimeSpan pause, CancellationToken ct)
    {
        var session = Session ?? throw new InvalidOperationException("No session to pause.");
        if (session.MaxPause is not { } max)
        {
            throw new NotSupportedException("The server did not offer maxpause; a pause would end the session.");
        }

        BoshRequest request;
        lock (_gate)
        {
            ThrowIfEnded();
            _closing = true;
            request = new BoshRequest(_nextRid++, BoshBodies.Pause(_nextRid - 1, session.Sid, pause < max ? pause : max), false, false);
        }

        await SendDirectAsync(request, ct).ConfigureAwait(false);
        End(null);
    }

    public async Task CloseAsync(XElement? finalStanza, CancellationToken ct)
    {
        BoshRequest? terminate = null;
        lock (_gate)
        {
            if (_failure is null && !_closing && Session is not null)
            {
                _closing = true;
                var pending = string.Concat(_queue) + finalStanza?.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces);
                _queue.Clear();
                terminate = new BoshRequest(_nextRid++, BoshBodies.Terminate(_nextRid - 1, Session.Sid, pending), false, false);
            }
        }

        if (terminate is not null)
        {
            try
            {
                // The one request allowed beyond the granted number; its answer is waited for, within bounds.
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
                bounded.CancelAfter(_options.CloseTimeout);
                await SendDirectAsync(terminate, bounded.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is BoshException or OperationCanceledException or HttpRequestException)
            {
                Log.CloseUnanswered(_logger, e.Message);
            }
        }

        End(null);
        await _scheduler.ConfigureAwait(false);
    }

    private void ThrowIfEnded()
    {
        if (_failure is not null || _closing || _lifetime.IsCancellationRequested)
        {
            throw new XmppDisconnectedException("The BOSH session has ended.", _failure);
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>One loop decides what to send; HTTP requests run beside it and report back.</summary>
    private async Task RunSchedulerAsync()
    {
        try
        {
            while (!_lifetime.IsCancellationRequested)
            {
                var (start, wakeAt) = Schedule();
                foreach (var request in start)
                {
                    _ = RunAttemptAsync(request);
                }

                var delay = wakeAt is { } at ? _time.GetElapsedTime(_time.GetTimestamp(), at) : Timeout.InfiniteTimeSpan;
                if (delay == TimeSpan.Zero || delay > TimeSpan.Zero || delay == Timeout.InfiniteTimeSpan)
                {
                    using var timer = new CancellationTokenSource(delay, _time);
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _lifetime.Token);
                    try
                    {
                        await _wake.Reader.ReadAsync(either.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (timer.IsCancellationRequested && !_lifetime.IsCancellationRequested)
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
    }

    /// <summary>Under the lock: which requests to (re)send now, and when to look again.</summary>
    private (List<BoshRequest> Start, long? WakeAt) Schedule()
    {
        var start = new List<BoshRequest>();
        long? wakeAt = null;
        void WakeAt(long at) => wakeAt = wakeAt is { } w ? Math.Min(w, at) : at;

        lock (_gate)
        {
            if (_failure is not null || _closing || Session is not { } session)
            {
                return (start, null);
            }

            var now = _time.GetTimestamp();
            foreach (var request in _open.Values)
            {
                if (request.Running && request.SecondaryDeadline is { } deadline)
                {
                    if (deadline <= now)
                    {
                        Log.SecondaryTimeout(_logger, request.Rid);
                        request.Cancel?.Cancel();
                        request.Running = false;
                        request.SecondaryDeadline = null;
                        request.RetryAt = now;
                    }
                    else
                    {
                        WakeAt(deadline);
                    }
                }

                if (!request.Running && request.RetryAt is { } retryAt)
                {
                    if (retryAt <= now)
                    {
                        request.RetryAt = null;
                        Prepare(request, now);
                        start.Add(request);
                    }
                    else
                    {
                        WakeAt(retryAt);
                    }
                }
            }

            var slots = session.Requests - _open.Count;
            if (slots > 0 && _restartPending)
            {
                _restartPending = false;
                start.Add(Open(new BoshRequest(_nextRid, BoshBodies.Restart(_nextRid, session.Sid, _domain, _options.Lang), false, isRestart: true), now));
                _lastSentWasEmpty = false;
                slots--;
            }

            while (slots > 0 && _queue.Count > 0)
            {
                start.Add(Open(new BoshRequest(_nextRid, BoshBodies.Payload(_nextRid, session.Sid, TakeBatch()), false, false), now));
                _lastSentWasEmpty = false;
                slots--;
            }

            if (_open.Count == 0)
            {
                // Idle: one empty poll for the server to hold. Two empty polls in a row whose first came back
                // empty at once must be `polling` apart (Openfire ends sessions that poll faster). The server
                // times the gap between their arrivals; counting from the answer keeps it at `polling` however
                // late the first left. One held until `wait` ran out came back late enough: poll again now.
                var polling = Ticks(session.Polling);
                var cameBackAtOnce = _lastEmptyAnsweredAt - _lastEmptySentAt < polling;
                var earliest = _lastSentWasEmpty && _lastEmptyCameBackEmpty && cameBackAtOnce ? _lastEmptyAnsweredAt + polling : now;

                // Stanzas just delivered are often answered at once (a login step, an IQ result, a ping loop):
                // give that answer a moment to go alone rather than a moment behind a fresh poll (StartSpacing).
                earliest = Math.Max(earliest, _reactionWindowEndsAt);
                if (earliest <= now)
                {
                    _lastEmptySentAt = now;
                    _lastSentWasEmpty = true;
                    start.Add(Open(new BoshRequest(_nextRid, BoshBodies.Payload(_nextRid, session.Sid, []), isEmpty: true, isRestart: false), now));
                }
                else
                {
                    WakeAt(earliest);
                }
            }
        }

        return (start, wakeAt);
    }

    private BoshRequest Open(BoshRequest request, long now)
    {
        _nextRid++;
        _open[request.Rid] = request;
        Prepare(request, now);
        return request;
    }

    private void Prepare(BoshRequest request, long now)
    {
        request.Attempt++;
        request.Running = true;
        request.SentAt = now;
        request.Cancel?.Dispose();
        request.Cancel = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        if (request.Attempt > 1)
        {
            Interlocked.Increment(ref _retries);
        }
    }

    private List<string> TakeBatch()
    {
        var batch = new List<string>();
        var bytes = 0;
        while (_queue.Count > 0 && (batch.Count == 0 || bytes + _queue[0].Length <= _options.MaxRequestBytes - 256))
        {
            bytes += _queue[0].Length;
            batch.Add(_queue[0]);
            _queue.RemoveAt(0);
        }

        return batch;
    }

    private async Task RunAttemptAsync(BoshRequest request)
    {
        int attempt;
        CancellationToken token;
        lock (_gate)
        {
            attempt = request.Attempt;
            token = request.Cancel!.Token;
        }

        XElement? response = null;
        Exception? error = null;
        try
        {
            response = await PostAsync(request, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_lifetime.IsCancellationRequested)
        {
            error = e;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            if (request.Attempt != attempt || !_open.ContainsKey(request.Rid) || _failure is not null)
            {
                return; // superseded by a resend, or the session already ended
            }

            request.Running = false;
            if (error is not null)
            {
                OnAttemptFailed(request, error);
            }
            else
            {
                OnAnswered(request, response!);
            }
        }

        Wake();
    }

    private void OnAttemptFailed(BoshRequest request, Exception error)
    {
        if (error is BoshException { IsTransient: false } fatal)
        {
            End(fatal);
            return;
        }

        if (request.Attempt >= _options.MaxAttempts)
        {
            End(error as BoshException ?? new BoshException(BoshCondition.NetworkFailure,
                $"Request {request.Rid} failed {request.Attempt} times: {error.Message}", error));
            return;
        }

        // Exponential backoff with jitter, capped well inside the session's inactivity timeout.
        var cap = (Session?.Inactivity ?? TimeSpan.FromSeconds(30)) / 4;
        var delay = TimeSpan.FromMilliseconds(Math.Min(cap.TotalMilliseconds,
            _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, request.Attempt - 1) * (0.5 + Random.Shared.NextDouble() / 2)));
        Log.Retrying(_logger, request.Rid, request.Attempt, delay.TotalMilliseconds, error.Message);
        request.RetryAt = _time.GetTimestamp() + Ticks(delay);
    }

    private void OnAnswered(BoshRequest request, XElement body)
    {
        var type = (string?)body.Attribute("type");
        if (type == "error")
        {
            // Recoverable binding error (XEP-0124 §17.3): resend every unanswered request, this one included.
            foreach (var open in _open.Values.Where(r => !r.Running))
            {
                open.RetryAt = _time.GetTimestamp();
            }

            request.RetryAt = _time.GetTimestamp();
            return;
        }

        if (long.TryParse((string?)body.Attribute("report"), NumberStyles.None, CultureInfo.InvariantCulture, out var reported)
            && (_open.GetValueOrDefault(reported) ?? _recent.GetValueOrDefault(reported)) is { } lost)
        {
            Log.Reported(_logger, reported);
            _open[reported] = lost;
            lost.Running = false;
            lost.RetryAt = _time.GetTimestamp();
        }

        _open.Remove(request.Rid);
        request.Cancel?.Dispose();
        request.Cancel = null;
        Remember(request);
        var now = _time.GetTimestamp();
        if (request.IsEmpty)
        {
            _lastEmptyCameBackEmpty = !body.HasElements && type is null;
            _lastEmptyAnsweredAt = now;
        }

        if (body.HasElements)
        {
            _reactionWindowEndsAt = ReactionWindowEnd(now);
        }

        // A held request is answered as soon as a later one arrives; if an earlier one stays open, it was lost.
        foreach (var earlier in _open.Values.Where(r => r.Rid < request.Rid && r.Running && r.SecondaryDeadline is null))
        {
            earlier.SecondaryDeadline = now + Ticks(_options.SecondaryTimeout);
        }

        _answered[request.Rid] = body;
        while (_answered.Remove(_nextDelivery, out var next))
        {
            _nextDelivery++;
            Deliver(next);
            if (_failure is not null)
            {
                return;
            }
        }
    }

    /// <summary>Keeps the last few bodies so a <c>report</c> can be answered by resending one.</summary>
    private void Remember(BoshRequest request)
    {
        _recent[request.Rid] = request;
        _recent.Remove(request.Rid - 8);
    }

    /// <summary>Hands a body's stanzas to the client in order; a terminate body ends the session after them.</summary>
    private void Deliver(XElement body)
    {
        foreach (var child in body.Elements())
        {
            if (child.Name == XmppNamespaces.Streams + "features" && _featuresWaiter is { } waiter)
            {
                _featuresWaiter = null;
                waiter.TrySetResult(child);
                continue;
            }

            _incoming.Writer.TryWrite(StanzaNamespaces.ToClientNamespace(child));
        }

        if ((string?)body.Attribute("type") == "terminate")
        {
            var condition = (string?)body.Attribute("condition");
            if (condition is null)
            {
                End(null); // the server closed the session normally
                return;
            }

            var parsed = BoshConditions.Parse(condition);
            Uri? seeOther = null;
            if (parsed == BoshCondition.SeeOtherUri && Uri.TryCreate(body.Element(HttpBind + "uri")?.Value, UriKind.Absolute, out var uri)
                && uri.Scheme == Uri.UriSchemeHttps)
            {
                seeOther = uri;
            }

            End(new BoshException(parsed, $"The connection manager ended the session: {condition}.", seeOtherUri: seeOther));
        }
    }

    private static XElement? TakeFeatures(XElement body)
    {
        if ((string?)body.Attribute("type") == "terminate")
        {
            throw new BoshException(BoshConditions.Parse((string?)body.Attribute("condition")),
                $"The connection manager refused the session: {(string?)body.Attribute("condition") ?? "terminate"}.");
        }

        return body.Element(XmppNamespaces.Streams + "features");
    }

    /// <summary>Reads the grants, clamping absurd ones (logged) so a hostile or broken server cannot spin the client.</summary>
    private BoshSessionInfo ReadGrants(XElement body)
    {
        var sid = (string?)body.Attribute("sid");
        if (string.IsNullOrEmpty(sid))
        {
            throw new BoshException(BoshCondition.UndefinedCondition, "The session creation response carries no sid.");
        }

        int Int(string name, int fallback) =>
            int.TryParse((string?)body.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;

        var requests = Int("requests", _options.Hold + 1);
        var hold = Int("hold", _options.Hold);
        var wait = Int("wait", (int)_options.Wait.TotalSeconds);
        var clampedRequests = Math.Clamp(requests, 1, 8);
        var clampedHold = Math.Clamp(hold, 0, clampedRequests - 1);
        var clampedWait = Math.Clamp(wait, 1, 300);
        if (clampedRequests != requests || clampedHold != hold || clampedWait != wait)
        {
            Log.GrantClamped(_logger, requests, hold, wait, clampedRequests, clampedHold, clampedWait);
        }

        var maxPause = Int("maxpause", 0);
        return new BoshSessionInfo(sid, clampedRequests, clampedHold, TimeSpan.FromSeconds(clampedWait),
            TimeSpan.FromSeconds(Math.Clamp(Int("inactivity", 30), 1, 3600)), TimeSpan.FromSeconds(Math.Clamp(Int("polling", 5), 0, 60)),
            maxPause > 0 ? TimeSpan.FromSeconds(maxPause) : null, (string?)body.Attribute("secure") == "true", (string?)body.Attribute("ver"));
    }

    /// <summary>A request outside the scheduler (creation, first polls, terminate), with the same retry rules.</summary>
    private async Task<XElement> SendDirectAsync(BoshRequest request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _lifetime.Token);
                return await PostAsync(request, linked.Token).ConfigureAwait(false);
            }
            catch (BoshException e) when (e.IsTransient && attempt < _options.MaxAttempts)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(_options.RetryBaseDelay * attempt, _time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One HTTP POST; maps every way it can fail to a <see cref="BoshException"/> (transient or not).</summary>
    private async Task<XElement> PostAsync(BoshRequest request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(HttpTimeout);
        using var content = new BoshRequestContent(request.Bytes);
        HttpResponseMessage response;
        try
        {
            response = await SendInOrderAsync(request, content, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw Transient(BoshCondition.NetworkFailure, $"No answer within {HttpTimeout.TotalSeconds:0} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw Transient(BoshCondition.NetworkFailure, e.Message, e);
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    break;
                case HttpStatusCode.NotFound:
                    throw new BoshException(BoshCondition.ItemNotFound, "The connection manager no longer knows the session (HTTP 404).");
                case HttpStatusCode.BadRequest:
                    throw new BoshException(BoshCondition.BadRequest, "The connection manager refused the request (HTTP 400).");
                case HttpStatusCode.Forbidden:
                    throw new BoshException(BoshCondition.PolicyViolation, "The connection manager refused the request (HTTP 403).");
                case >= HttpStatusCode.InternalServerError:
                    throw Transient(BoshCondition.ProxyError, $"HTTP {(int)response.StatusCode} from the connection manager or a proxy.");
                default:
                    throw new BoshException(BoshCondition.HttpError, $"Unexpected HTTP {(int)response.StatusCode}.");
            }

            var bytes = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (bytes.Length == 0)
            {
                throw Transient(BoshCondition.ProxyError, "An empty HTTP 200 answer (a proxy, not a connection manager).");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is "text/html" or "application/xhtml+xml")
            {
                throw Transient(BoshCondition.ProxyError, "An HTML page instead of a BOSH body (a proxy's error page).");
            }

            XElement body;
            try
            {
                body = SafeXml.Parse(bytes, _options.MaxResponseBytes);
            }
            catch (XmlSafetyException e)
            {
                throw new BoshException(BoshCondition.MalformedResponse, $"The response was refused: {e.Message}", e);
            }

            if (body.Name != HttpBind + "body")
            {
                throw Transient(BoshCondition.ProxyError, $"A <{body.Name.LocalName}/> document instead of a BOSH body.");
            }

            RaiseTraffic(false, System.Text.Encoding.UTF8.GetString(bytes), request.Rid);
            return body;
        }
    }

    /// <summary>
    /// Starts one POST after the previous one's body has left and, when that one is an unanswered empty poll, not
    /// sooner than <see cref="BoshOptions.StartSpacing"/> after it, so the server receives rids in order. ejabberd 23
    /// keeps a request that overtook an earlier one until that one is answered with data; an empty poll held until
    /// `wait` runs out never is, so the later request is never processed, and resending it ends the session
    /// (internal-server-error). A request with stanzas ahead is answered with data (its IQ result) and needs no gap.
    /// </summary>
    private async Task<HttpResponseMessage> SendInOrderAsync(BoshRequest request, BoshRequestContent content, CancellationToken ct)
    {
        await _sendOrder.WaitAsync(ct).ConfigureAwait(false);
        Task<HttpResponseMessage> post;
        try
        {
            var sincePrevious = _time.GetElapsedTime(_previousPostStartedAt);
            if (_previousPostWasEmpty && !_previousPost.IsCompleted && sincePrevious < _options.StartSpacing)
            {
                using var spacing = CancellationTokenSource.CreateLinkedTokenSource(ct);
                await Task.WhenAny(_previousPost, Task.Delay(_options.StartSpacing - sincePrevious, _time, spacing.Token)).ConfigureAwait(false);
                spacing.Cancel();
            }

            RaiseTraffic(true, request.Text, request.Rid);
            post = _http.PostAsync(_options.Url, content, ct);
            _previousPost = post;
            _previousPostWasEmpty = request.IsEmpty;
            _previousPostStartedAt = _time.GetTimestamp();
            await Task.WhenAny(content.Written, post).ConfigureAwait(false);
        }
        finally
        {
            _sendOrder.Release();
        }

        return await post.ConfigureAwait(false);
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw new BoshException(BoshCondition.MalformedResponse, $"A response of {content.Headers.ContentLength} bytes exceeds the cap of {_options.MaxResponseBytes}.");
        }

        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
            {
                throw new BoshException(BoshCondition.MalformedResponse, $"A response exceeds the cap of {_options.MaxResponseBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// When the idle poll may leave after stanzas came in at <paramref name="now"/>. Before the stream restart the
    /// server sends nothing unasked, and a SASL step may take a while to compute, so the window is longer there.
    /// </summary>
    private long ReactionWindowEnd(long now) => now + Ticks(_restartAsked ? _options.ReactionWindow : _options.LoginReactionWindow);

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static BoshException Transient(BoshCondition condition, string message, Exception? inner = null) =>
        new(condition, message, inner) { IsTransient = true };

    private void RaiseTraffic(bool outgoing, string text, long rid)
    {
        if (Traffic is { } traffic)
        {
            traffic(this, new TransportTrafficEventArgs(outgoing, text, rid, Session?.Sid));
        }
    }

    private void End(Exception? error)
    {
        lock (_gate)
        {
            if (_failure is not null || _lifetime.IsCancellationRequested)
            {
                return;
            }

            _failure = error ?? new XmppDisconnectedException("The BOSH session was closed.");
            _featuresWaiter?.TrySetException(_failure);
            _incoming.Writer.TryComplete(error);
        }

        if (error is not null)
        {
            Log.SessionEnded(_logger, Session?.Sid, error.Message);
        }

        _lifetime.Cancel();
        Wake();
    }

    internal static HttpClient CreateHttpClient(BoshOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Held polls occupy connections; the send slot must never wait behind them (edge case 21).
            MaxConnectionsPerServer = 8,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            // A server with Nagle on would otherwise hold the end of every answer over 8 KiB for 40 ms.
            ConnectCallback = (context, ct) => QuickAckStream.ConnectAsync(context.DnsEndPoint, ct),
        };
        if (options.TrustedCertificate is { } trusted)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString());
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async ValueTask DisposeAsync()
    {
        End(null);
        try
        {
            await _scheduler.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }

        _lifetime.Dispose();
    }
}
