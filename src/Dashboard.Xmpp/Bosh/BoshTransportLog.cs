using Microsoft.Extensions.Logging;

namespace Dashboard.Xmpp.Bosh;

public sealed partial class BoshTransport
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "BOSH session {Sid}: requests={Requests} hold={Hold} wait={Wait}s inactivity={Inactivity}s")]
        public static partial void SessionCreated(ILogger logger, string sid, int requests, int hold, double wait, double inactivity);

        [LoggerMessage(2, LogLevel.Warning, "The server granted requests={Requests} hold={Hold} wait={Wait}; using {UsedRequests}/{UsedHold}/{UsedWait}")]
        public static partial void GrantClamped(ILogger logger, int requests, int hold, int wait, int usedRequests, int usedHold, int usedWait);

        [LoggerMessage(3, LogLevel.Information, "BOSH request {Rid} attempt {Attempt} failed ({Reason}); resending in {DelayMs:0} ms")]
        public static partial void Retrying(ILogger logger, long rid, int attempt, double delayMs, string reason);

        [LoggerMessage(4, LogLevel.Information, "BOSH request {Rid} stayed open after a later one was answered; resending it")]
        public static partial void SecondaryTimeout(ILogger logger, long rid);

        [LoggerMessage(5, LogLevel.Information, "The server reported request {Rid} lost; resending it")]
        public static partial void Reported(ILogger logger, long rid);

        [LoggerMessage(6, LogLevel.Warning, "BOSH session {Sid} ended: {Reason}")]
        public static partial void SessionEnded(ILogger logger, string? sid, string reason);

        [LoggerMessage(7, LogLevel.Debug, "The terminate request got no answer: {Reason}")]
        public static partial void CloseUnanswered(ILogger logger, string reason);
    }
}
