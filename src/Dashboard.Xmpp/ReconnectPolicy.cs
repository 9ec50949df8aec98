namespace Dashboard.Xmpp;

/// <summary>Exponential backoff with full jitter between reconnect attempts.</summary>
public sealed record ReconnectPolicy
{
    public bool Enabled { get; init; } = true;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The delay before attempt <paramref name="attempt"/> (1-based): random in [d/2, d], d doubling.</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var doubled = InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var ceiling = Math.Min(doubled, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
