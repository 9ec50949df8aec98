namespace Dashboard.Web.Data.Entities;

/// <summary>
/// One signed-in browser or wall display: its cookie carries only this row's id, so signing out (or an
/// Admin's lock, password reset or token revocation) ends exactly the sessions it names, copies of the
/// cookie included. Holds no secret.
/// </summary>
public sealed class UserSession
{
    /// <summary>Random, 32 hex digits.</summary>
    public required string Id { get; set; }

    /// <summary>The signed-in user; null for a wall display.</summary>
    public string? UserId { get; set; }

    /// <summary>The display token a wall display signed in with; null for a user.</summary>
    public int? DisplayTokenId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a request last proved the session (updated at most once per cache period).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Why it ended: signed out, locked, password reset, role changed, token revoked.</summary>
    public string? RevokedReason { get; set; }

    /// <summary>The browser's user agent (shortened) and address it signed in from, to tell sessions apart.</summary>
    public string? Client { get; set; }
}
