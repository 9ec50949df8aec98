using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Xmpp.Tests.Bosh;

/// <summary>One request as the fake connection manager received it.</summary>
public sealed record ReceivedRequest(long Rid, string? Sid, string Text, XElement Body, int Concurrent);

/// <summary>What the fake answers: a status, a content type and a text (a BOSH body, HTML, or nothing).</summary>
public sealed record FakeReply(int Status, string Text, string ContentType = "text/xml; charset=utf-8")
{
    public static FakeReply Body(string inner = "", string attributes = "") =>
        new(200, $"<body xmlns='http://jabber.org/protocol/httpbind' xmlns:stream='http://etherx.jabber.org/streams'{attributes}>{inner}</body>");
}

/// <summary>
/// A scripted BOSH connection manager on Kestrel (127.0.0.1, free port), standing in ONLY for faults a real
/// server will not produce on demand: reordered, dropped or failed responses, HTML pages, odd grants.
/// By default it behaves like a plain connection manager (grants, features, held empty polls); a test's
/// <see cref="Script"/> answers first and may return null to fall back to the default.
/// </summary>
public sealed class FakeConnectionManager : IAsyncDisposable
{
    public const string Sid = "fake-sid";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _toClient = new();
    private readonly SemaphoreSlim _pushed = new(0);
    private int _concurrent;

    private FakeConnectionManager(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The highest number of requests that were open at the same time.</summary>
    public int MaxConcurrent { get; private set; }

    /// <summary>The session creation grants the default behaviour answers with.</summary>
    public string Grants { get; set; } = " requests='2' hold='1' wait='2' inactivity='30' polling='1' ver='1.11'";

    /// <summary>A test's script: answer a request, or return null for the default behaviour.</summary>
    public Func<ReceivedRequest, Task<FakeReply?>> Script { get; set; } = _ => Task.FromResult<FakeReply?>(null);

    public static async Task<FakeConnectionManager> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeConnectionManager(app);
        app.MapPost("/http-bind", fake.HandleAsync);
        await app.StartAsync();
        fake.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/http-bind");
        return fake;
    }

    /// <summary>Queues a stanza for the client; a held poll answers with it at once.</summary>
    public void Push(string stanza)
    {
        _toClient.Enqueue(stanza);
        _pushed.Release();
    }

    public ReceivedRequest[] RequestsWhere(Func<ReceivedRequest, bool> predicate) => [.. Requests.Where(predicate)];

    private async Task HandleAsync(HttpContext context)
    {
        var concurrent = Interlocked.Increment(ref _concurrent);
        MaxConcurrent = Math.Max(MaxConcurrent, concurrent);
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            var body = XElement.Parse(text);
            var request = new ReceivedRequest((long)body.Attribute("rid")!, (string?)body.Attribute("sid"), text, body, concurrent);
            Requests.Enqueue(request);
            var reply = await Script(request) ?? await DefaultAsync(request, context.RequestAborted);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            await context.Response.WriteAsync(reply.Text, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up on this request (a resend or a close): nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    private async Task<FakeReply> DefaultAsync(ReceivedRequest request, CancellationToken aborted)
    {
        if (request.Sid is null)
        {
            return FakeReply.Body("<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
                $" sid='{Sid}'{Grants}");
        }

        if ((string?)request.Body.Attribute("type") == "terminate")
        {
            return FakeReply.Body(attributes: " type='terminate'");
        }

        if (request.Body.Attribute(XNamespace.Get("urn:xmpp:xbosh") + "restart") is not null)
        {
            return FakeReply.Body("<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
        }

        if (request.Body.HasElements)
        {
            return FakeReply.Body(); // stanzas from the client: acknowledged with an empty body
        }

        // An empty poll: held until something is pushed for the client, or for two seconds.
        var stanzas = new StringBuilder();
        if (_toClient.IsEmpty)
        {
            await _pushed.WaitAsync(TimeSpan.FromSeconds(2), aborted);
        }

        while (_toClient.TryDequeue(out var stanza))
        {
            stanzas.Append(stanza);
        }

        while (_pushed.CurrentCount > 0 && _pushed.Wait(0, CancellationToken.None))
        {
            // one answer carries everything pushed so far
        }

        return FakeReply.Body(stanzas.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _pushed.Dispose();
    }
}
