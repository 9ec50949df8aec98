using System.Collections.Concurrent;
using Dashboard.Xmpp;

namespace Dashboard.Web.Hub.Push;

/// <summary>
/// Lets at most <see cref="MaxPerWindow"/> refusals per sender and minute into the log and the Logs page:
/// enough to see who sends bad Writes, not enough for a runaway sender to flood either.
/// </summary>
internal sealed class RefusalLogLimit(TimeProvider time)
{
    public const int MaxPerWindow = 10;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Jid, (DateTimeOffset Start, int Count)> _windows = new();

    public bool Admit(Jid sender)
    {
        var now = time.GetUtcNow();
        var window = _windows.AddOrUpdate(sender.Bare, _ => (now, 1),
            (_, w) => now - w.Start >= Window ? (now, 1) : (w.Start, w.Count + 1));
        return window.Count <= MaxPerWindow;
    }
}
