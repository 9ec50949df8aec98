namespace Dashboard.Web.Hub;

/// <summary>
/// Lets at most <see cref="MaxPerWindow"/> presence events of one device into the log per minute: enough
/// to see that a device flaps, not enough for a flapping device to flood the database.
/// </summary>
public sealed class PresenceFloodGuard
{
    public const int MaxPerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _count;

    public bool Admit(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now - _windowStart >= Window)
            {
                _windowStart = now;
                _count = 0;
            }

            return ++_count <= MaxPerWindow;
        }
    }
}
