using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Security;

/// <summary>
/// <c>GET /display/sign-in?token=…</c>: a wall display opens the address an Admin issued and is signed in
/// (a cookie that lasts until the token expires) and sent to <c>/wall</c>; a bad, expired or revoked token
/// clears any session and shows why, without saying which.
/// </summary>
public static class DisplaySignInEndpoint
{
    public const string Path = "/display/sign-in";
    public const string RefusedPath = "/display/refused";
    public const string WallPath = "/wall";

    public static IEndpointRouteBuilder MapDisplaySignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, DisplayTokens tokens, [FromQuery] string? token)
    {
        // The address carries a credential: never pass it on as a referrer.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (await tokens.SignInAsync(token, http.RequestAborted) is not { } display)
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Redirect(RefusedPath);
        }

        await http.SignInAsync(IdentityConstants.ApplicationScheme, display.Principal,
            new AuthenticationProperties { IsPersistent = true, ExpiresUtc = display.ExpiresAt, AllowRefresh = false });
        return Results.Redirect(WallPath);
    }
}
