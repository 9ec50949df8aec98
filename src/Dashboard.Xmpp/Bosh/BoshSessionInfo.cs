namespace Dashboard.Xmpp.Bosh;

/// <summary>What the connection manager granted (XEP-0124 §7.1): these, not the client's asks, govern the session.</summary>
public sealed record BoshSessionInfo(
    string Sid,
    int Requests,
    int Hold,
    TimeSpan Wait,
    TimeSpan Inactivity,
    TimeSpan Polling,
    TimeSpan? MaxPause,
    bool Secure,
    string? Version);
