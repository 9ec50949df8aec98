using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Security;

/// <summary>A token just issued: the only moment its secret is known.</summary>
public sealed record IssuedDisplayToken(int Id, string Name, string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>The path a wall display opens to sign in, relative to the site's base.</summary>
    public string SignInPath => $"display/sign-in?token={Uri.EscapeDataString(Token)}";
}

/// <summary>One row of the display tokens list.</summary>
public sealed record DisplayTokenSummary(int Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}

/// <summary>
/// Wall display tokens: an Admin issues one (random, shown once, stored as its SHA-256) that signs a display
/// in as a read-only Viewer of <c>/wall</c> until it expires or is revoked; revoking revokes the display's
/// server-side sessions, so its cookie is refused at once and its open wall ends at the next re-validation. Issue, list and revoke are an Admin's actions (guarded, audited);
/// every sign-in with a token, good or bad, is audited.
/// </summary>
public sealed partial class DisplayTokens(IDbContextFactory<DashboardDbContext> contexts, ActionGuard guard, UserSessions sessions, StoreWriter store,
    TimeProvider time, ILogger<DisplayTokens> logger)
{
    public const int MaxNameLength = 100;

    /// <summary>The longest a token may live.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    /// <summary>Prefix of a display's user name, so audit rows tell a display from a person.</summary>
    public const string UserNamePrefix = "display:";

    private const int TokenBytes = 32;

    public async Task<IssuedDisplayToken> IssueAsync(string name, TimeSpan lifetime, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var trimmed = (name ?? "").Trim();
        var by = await guard.DemandAsync(actor, DashboardPolicies.Administer, "display-token.issue", "display:" + Clip(trimmed)).ConfigureAwait(false);
        if (trimmed.Length is 0 or > MaxNameLength || trimmed.Any(char.IsControl))
        {
            throw new DisplayTokenException($"A display's name has 1 to {MaxNameLength} characters and no control characters.");
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new DisplayTokenException($"A display token lives between a moment and {MaxLifetime.TotalDays:0} days.");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var row = new DisplayToken { Name = trimmed, TokenHash = Hash(token), CreatedAt = now, CreatedBy = by, ExpiresAt = now + lifetime };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            db.DisplayTokens.Add(row);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        Audit(by, "display-token.issue", row, true, string.Create(CultureInfo.InvariantCulture, $"expires {row.ExpiresAt:u}"));
        Log.Issued(logger, by, row.Name, row.Id, row.ExpiresAt);
        return new IssuedDisplayToken(row.Id, row.Name, token, row.ExpiresAt);
    }

    public async Task<IReadOnlyList<DisplayTokenSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await guard.DemandAsync(actor, DashboardPolicies.Administer, "display-token.list", "display tokens").ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.DisplayTokens.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new DisplayTokenSummary(t.Id, t.Name, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.RevokedBy, t.LastUsedAt))];
    }

    public async Task RevokeAsync(int id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var target = string.Create(CultureInfo.InvariantCulture, $"display-token:{id}");
        var by = await guard.DemandAsync(actor, DashboardPolicies.Administer, "display-token.revoke", target).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.DisplayTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new DisplayTokenException($"There is no display token {id}.");
        if (row.RevokedAt is not null)
        {
            return;
        }

        row.RevokedAt = time.GetUtcNow();
        row.RevokedBy = by;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await sessions.RevokeDisplayAsync(row.Id, "token revoked", cancellationToken).ConfigureAwait(false);
        Audit(by, "display-token.revoke", row, true, null);
        Log.Revoked(logger, by, row.Name, row.Id);
    }

    /// <summary>
    /// The principal a display signs in as when <paramref name="token"/> is one of ours, unrevoked and
    /// unexpired; null otherwise (audited with the reason, the token itself never stored or logged).
    /// </summary>
    public async Task<(ClaimsPrincipal Principal, DateTimeOffset ExpiresAt)?> SignInAsync(string? token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        DisplayToken? row = null;
        if (token is { Length: > 0 and <= 128 })
        {
            var hash = Hash(token);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            row = await db.DisplayTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken).ConfigureAwait(false);
            if (row is not null && row.IsActive(now))
            {
                row.LastUsedAt = now;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var refusal = row switch
        {
            null => "unknown token",
            { RevokedAt: not null } => "revoked",
            _ when now >= row.ExpiresAt => "expired",
            _ => null,
        };
        if (refusal is not null)
        {
            var who = row is null ? UserNamePrefix + "?" : UserNamePrefix + row.Name;
            store.Enqueue(new AuditEntry { At = now, User = who, Action = "display.sign-in", Target = row is null ? "display" : TargetOf(row), Details = refusal, Allowed = false });
            Log.Refused(logger, who, refusal);
            return null;
        }

        Audit(UserNamePrefix + row!.Name, "display.sign-in", row, true, null);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, UserNamePrefix + row.Name),
            new Claim(ClaimTypes.Role, DashboardRoles.Viewer),
            new Claim(DashboardClaims.DisplayToken, row.Id.ToString(CultureInfo.InvariantCulture)),
        ], authenticationType: "display-token");
        return (new ClaimsPrincipal(identity), row.ExpiresAt);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Clip(string name) => name.Length > MaxNameLength ? name[..MaxNameLength] : name;

    private static string TargetOf(DisplayToken row) => string.Create(CultureInfo.InvariantCulture, $"display-token:{row.Id} ({row.Name})");

    private void Audit(string by, string action, DisplayToken row, bool allowed, string? details) =>
        store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = by, Action = action, Target = TargetOf(row), Details = details, Allowed = allowed });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{By} issued display token {Id} for {Name}, expiring {ExpiresAt}")]
        public static partial void Issued(ILogger logger, string by, string name, int id, DateTimeOffset expiresAt);

        [LoggerMessage(2, LogLevel.Information, "{By} revoked display token {Id} of {Name}")]
        public static partial void Revoked(ILogger logger, string by, string name, int id);

        [LoggerMessage(3, LogLevel.Warning, "Display sign-in as {Display} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string display, string reason);
    }
}
