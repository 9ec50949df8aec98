namespace Dashboard.Web.Data.Entities;

/// <summary>
/// A wall display's credential: it signs the display in as a read-only Viewer of <c>/wall</c> until it
/// expires or an Admin revokes it. Only the token's SHA-256 is stored; the token itself is shown once.
/// </summary>
public sealed class DisplayToken
{
    public int Id { get; set; }

    /// <summary>Where the display hangs, e.g. "Lobby"; the name the display's audit rows carry.</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the token, hex; unique.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
