using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Microsoft.Extensions.Logging;

namespace Dashboard.Integration.Tests.Xmpp;

/// <summary>
/// What a BOSH client sent and received, and what its transport logged, with times: attached to a failed
/// test's results so a server's refusal can be read against the exact requests that led to it.
/// </summary>
internal sealed class BoshTranscript : ILogger<BoshTransport>
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Follow(XmppClient client) =>
        client.Traffic += (_, e) => Add($"{(e.Outgoing ? "SEND" : "RECV")} rid={e.Rid} {e.Text}");

    public string Text => string.Join('\n', _lines);

    public void AttachIfFailed()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.AddAttachment("bosh-transcript", Text);
        }
    }

    void ILogger.Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Add($"LOG  {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.Message)}");

    bool ILogger.IsEnabled(LogLevel logLevel) => true;

    IDisposable? ILogger.BeginScope<TState>(TState state) => null;

    private void Add(string line) => _lines.Enqueue($"{_clock.Elapsed.TotalSeconds,8:0.000} {line}");
}
