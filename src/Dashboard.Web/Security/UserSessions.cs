using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Server-side sessions behind the sign-in cookie: each sign-in (a user's or a wall display's) gets a row
/// whose id the cookie carries; a cookie whose session is revoked or unknown is refused, so signing out
/// ends that cookie and every copy of it without touching the user's other sessions. Active sessions are
/// remembered for <see cref="SecurityOptions.SessionCacheDuration"/> so not every request reads the
/// database; any revocation here forgets them at once.
/// </summary>
public sealed partial class UserSessions(IDbContextFactory<DashboardDbContext> contexts, IOptions<SecurityOptions> options, TimeProvider time,
    ILogger<UserSessions> logger)
{
    public const int MaxClientLength = 200;
    private const int MaxUserAgentLength = 150;

    /// <summary>How long the row of an ended session is kept, to tell who was signed in where.</summary>
    public static readonly TimeSpan KeepEnded = TimeSpan.FromDays(30);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    // Session id → when it was last found active in the database.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _active = new(StringComparer.Ordinal);

    /// <summary>Records a new session for a user or a display and returns its id.</summary>
    public async Task<string> StartAsync(string? userId, int? displayTokenId, string? userAgent, string? remoteAddress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            DisplayTokenId = displayTokenId,
            CreatedAt = now,
            LastSeenAt = now,
            Client = ClientSummary(userAgent, remoteAddress),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        _active[session.Id] = now;
        if (now - _prunedAt >= PruneEvery)
        {
            _prunedAt = now;
            await PruneAsync(db, now, cancellationToken).ConfigureAwait(false);
        }

        return session.Id;
    }

    /// <summary>Whether <paramref name="sessionId"/> names a session that has not been revoked.</summary>
    public async Task<bool> IsActiveAsync(string? sessionId, CancellationToken cancellationToken)
    {
        if (sessionId is not { Length: > 0 and <= 32 })
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (_active.TryGetValue(sessionId, out var checkedAt) && now - checkedAt < options.Value.SessionCacheDuration)
        {
            return true;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var updated = await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            _active.TryRemove(sessionId, out _);
            return false;
        }

        _active[sessionId] = now;
        return true;
    }

    /// <summary>Ends one session (signing out); nothing happens if it already ended.</summary>
    public Task RevokeAsync(string sessionId, string reason, CancellationToken cancellationToken) =>
        RevokeWhereAsync(s => s.Id == sessionId, reason, "session " + sessionId[..Math.Min(8, sessionId.Length)] + "…", cancellationToken);

    /// <summary>Ends every session of a user (locked, password reset, role changed).</summary>
    public Task RevokeUserAsync(string userId, string reason, CancellationToken cancellationToken) =>
        RevokeWhereAsync(s => s.UserId == userId, reason, "user " + userId, cancellationToken);

    /// <summary>Ends every session a display signed in with this token (token revoked).</summary>
    public Task RevokeDisplayAsync(int displayTokenId, string reason, CancellationToken cancellationToken) =>
        RevokeWhereAsync(s => s.DisplayTokenId == displayTokenId, reason,
            string.Create(CultureInfo.InvariantCulture, $"display token {displayTokenId}"), cancellationToken);

    private async Task RevokeWhereAsync(System.Linq.Expressions.Expression<Func<UserSession, bool>> which, string reason, string what,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var revoked = await db.UserSessions.Where(which).Where(s => s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), cancellationToken)
            .ConfigureAwait(false);

        // Revocations are rare: forgetting every remembered session is simpler than finding the ones affected.
        _active.Clear();
        if (revoked > 0)
        {
            Log.Revoked(logger, revoked, what, reason);
        }
    }

    /// <summary>
    /// Deletes rows no cookie can use any more: sessions ended over <see cref="KeepEnded"/> ago, and users' sessions
    /// unused for longer than a sign-in lasts (a day's margin). A display's rows go with its token.
    /// </summary>
    private async Task PruneAsync(DashboardDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var endedBefore = now - KeepEnded;
        var idleBefore = now - options.Value.SessionLifetime - TimeSpan.FromDays(1);
        var deleted = await db.UserSessions
            .Where(s => (s.RevokedAt != null && s.RevokedAt < endedBefore) || (s.RevokedAt == null && s.UserId != null && s.LastSeenAt < idleBefore))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            Log.Pruned(logger, deleted);
        }
    }

    private static string? ClientSummary(string? userAgent, string? remoteAddress)
    {
        var agent = new string([.. (userAgent ?? "").Where(c => !char.IsControl(c)).Take(MaxUserAgentLength)]).Trim();
        var summary = (agent.Length > 0 ? agent : "unknown client") + (string.IsNullOrEmpty(remoteAddress) ? "" : " from " + remoteAddress);
        return summary.Length > MaxClientLength ? summary[..MaxClientLength] : summary;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Ended {Count} session(s) of {What}: {Reason}")]
        public static partial void Revoked(ILogger logger, int count, string what, string reason);

        [LoggerMessage(2, LogLevel.Information, "Deleted {Count} ended or expired session(s)")]
        public static partial void Pruned(ILogger logger, int count);
    }
}
