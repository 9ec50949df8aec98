using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Decides whether a signed-in session still stands: its server-side session must not be revoked (signed
/// out, or ended by an Admin); a user must exist, be unlocked and carry their current
/// security stamp (renewed on a role, password or lock change); a wall display's token must be neither
/// revoked nor expired. Used by the cookie on HTTP requests and by open pages at each re-validation.
/// </summary>
public sealed class SessionValidator(UserManager<DashboardUser> users, IDbContextFactory<DashboardDbContext> contexts,
    UserSessions sessions, IOptions<IdentityOptions> identity, TimeProvider time)
{
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        if (!await sessions.IsActiveAsync(principal.FindFirstValue(DashboardClaims.Session), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (principal.FindFirstValue(DashboardClaims.DisplayToken) is { } tokenId)
        {
            return await IsDisplayActiveAsync(tokenId, cancellationToken).ConfigureAwait(false);
        }

        var user = await users.GetUserAsync(principal).ConfigureAwait(false);
        if (user is null || await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return false;
        }

        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user).ConfigureAwait(false);
    }

    public async Task<bool> IsDisplayActiveAsync(string tokenId, CancellationToken cancellationToken)
    {
        if (DashboardClaims.DisplayTokenId(tokenId) is not { } id)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var token = await db.DisplayTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        return token is not null && token.IsActive(time.GetUtcNow());
    }
}
