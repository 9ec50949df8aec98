using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Ties the sign-in cookie to a server-side session (<see cref="UserSessions"/>): signing in starts one and
/// puts its id in the cookie, signing out revokes it, and each request's cookie must name an active one.
/// </summary>
internal static class SessionCookie
{
    /// <summary>Starts a session for a principal being signed in, unless it already carries one.</summary>
    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || context.Principal.HasClaim(c => c.Type == DashboardClaims.Session))
        {
            return;
        }

        var http = context.HttpContext;
        var displayTokenId = DashboardClaims.DisplayTokenId(identity.FindFirst(DashboardClaims.DisplayToken)?.Value);
        var userIdClaim = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType;
        var userId = displayTokenId is null ? identity.FindFirst(userIdClaim)?.Value : null;
        var sessions = http.RequestServices.GetRequiredService<UserSessions>();
        var id = await sessions.StartAsync(userId, displayTokenId, http.Request.Headers.UserAgent.ToString(),
            http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false);
        identity.AddClaim(new Claim(DashboardClaims.Session, id));
    }

    /// <summary>Revokes the session of the cookie being signed out, so no copy of it signs in again.</summary>
    public static async Task OnSigningOutAsync(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.FindFirst(DashboardClaims.Session)?.Value is { } id)
        {
            await context.HttpContext.RequestServices.GetRequiredService<UserSessions>()
                .RevokeAsync(id, "signed out", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>False (and the cookie rejected and cleared) when the cookie names no active session.</summary>
    public static async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (await sessions.IsActiveAsync(context.Principal?.FindFirst(DashboardClaims.Session)?.Value, context.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            return true;
        }

        await RejectAsync(context).ConfigureAwait(false);
        return false;
    }

    /// <summary>Refuses the request's cookie and clears it from the browser.</summary>
    public static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
    }

    /// <summary>Keeps the session id when the cookie's principal is rebuilt after a security stamp check.</summary>
    public static Task KeepSessionOnRefreshAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(DashboardClaims.Session) is { } session
            && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == DashboardClaims.Session))
        {
            identity.AddClaim(new Claim(DashboardClaims.Session, session.Value));
        }

        return Task.CompletedTask;
    }
}
