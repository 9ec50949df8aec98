using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Xmpp.Bosh;

/// <summary>How a <see cref="BoshTransport"/> talks to its connection manager. The server's grants override the asks.</summary>
public sealed record BoshOptions
{
    /// <summary>The connection manager, e.g. <c>https://xmpp.example.com/http-bind</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>The longest the server may hold an empty request (the client's "request timeout").</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests the server may hold at once; the client then uses <c>hold + 1</c> connections.</summary>
    public int Hold { get; init; } = 1;

    public string Lang { get; init; } = "en";

    /// <summary>Optional <c>route</c> (xmpp:host:port) for connection managers that serve several servers.</summary>
    public string? Route { get; init; }

    /// <summary>Attempts per request before the session counts as lost (the first send included).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first retry delay; it doubles, with jitter, and stays well inside the session's inactivity.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// When a later request completes and an earlier one is still open this long afterwards, the earlier
    /// one is taken as lost and resent (a held request is answered at once when the next one arrives).
    /// </summary>
    public TimeSpan SecondaryTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A request starts at least this long after an empty poll while that poll is unanswered, so it reaches the
    /// server second even on another connection (ejabberd never processes a request that overtook a held poll).
    /// </summary>
    public TimeSpan StartSpacing { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// After an answer that carried stanzas, the idle poll waits this long for the application's reply, which
    /// then goes alone instead of <see cref="StartSpacing"/> behind a fresh poll.
    /// </summary>
    public TimeSpan ReactionWindow { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// The same window before the stream restart: the server sends nothing unasked during SASL, and the next
    /// step (a SCRAM proof) can take a while to compute, so an idle poll there would only race it.
    /// </summary>
    public TimeSpan LoginReactionWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest response accepted; larger ones end the session as malformed.</summary>
    public int MaxResponseBytes { get; init; } = 1 << 20;

    /// <summary>The largest request body sent; servers refuse over 256 KiB, so stanzas are batched below this.</summary>
    public int MaxRequestBytes { get; init; } = 200 * 1024;

    /// <summary>How long <see cref="BoshTransport.CloseAsync"/> waits for the terminate answer.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>One certificate to trust besides the system's (a test server's self-signed one). Never "accept all".</summary>
    public X509Certificate2? TrustedCertificate { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
