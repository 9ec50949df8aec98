using Microsoft.Extensions.Logging;

namespace Dashboard.Xmpp;

public sealed partial class XmppClient
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "XMPP session up as {Jid} (SASL {Mechanism})")]
        public static partial void Connected(ILogger logger, Jid? jid, string? mechanism);

        [LoggerMessage(2, LogLevel.Warning, "XMPP session lost")]
        public static partial void SessionLost(ILogger logger, Exception? error);

        [LoggerMessage(3, LogLevel.Information, "Reconnecting, attempt {Attempt} in {DelayMs:0} ms")]
        public static partial void Reconnecting(ILogger logger, int attempt, double delayMs);

        [LoggerMessage(4, LogLevel.Warning, "Reconnect attempt {Attempt} failed")]
        public static partial void ReconnectFailed(ILogger logger, int attempt, Exception error);

        [LoggerMessage(5, LogLevel.Error, "Reconnect stopped: the error is final")]
        public static partial void ReconnectGaveUp(ILogger logger, Exception error);

        [LoggerMessage(6, LogLevel.Error, "An application handler for {Event} threw; the session continues")]
        public static partial void HandlerFailed(ILogger logger, string @event, Exception error);

        [LoggerMessage(7, LogLevel.Warning, "Dropped a stanza: {Reason}")]
        public static partial void StanzaDropped(ILogger logger, string reason, Exception? error);

        [LoggerMessage(8, LogLevel.Error, "An IQ handler failed answering {Id} from {From}")]
        public static partial void IqHandlerFailed(ILogger logger, string? id, string? from, Exception error);

        [LoggerMessage(9, LogLevel.Debug, "Closing the session did not complete cleanly")]
        public static partial void CloseFailed(ILogger logger, Exception error);

        [LoggerMessage(10, LogLevel.Warning, "Fetching the roster or sending initial presence failed; the session stays up")]
        public static partial void RosterFailed(ILogger logger, Exception error);
    }
}
