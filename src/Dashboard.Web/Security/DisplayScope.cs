using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// What a wall display signed in by token may reach: only what is open to anyone, or what asks for the
/// <see cref="DashboardPolicies.Wall"/> policy — deny by default, so a page or endpoint that forgets its
/// policy is still closed to displays. Enforced for HTTP requests and for navigation inside a page.
/// </summary>
public static class DisplayScope
{
    public static bool IsDisplay(ClaimsPrincipal user) => user.HasClaim(c => c.Type == DashboardClaims.DisplayToken);

    /// <summary>Whether a display may reach something carrying <paramref name="metadata"/> (endpoint metadata or a page's attributes).</summary>
    public static bool Allows(IEnumerable<object> metadata)
    {
        var items = metadata as IReadOnlyCollection<object> ?? [.. metadata];
        return items.OfType<IAllowAnonymous>().Any() || items.OfType<IAuthorizeData>().Any(a => a.Policy == DashboardPolicies.Wall);
    }

    public static bool AllowsPage(Type pageType) => Allows(pageType.GetCustomAttributes(inherit: true));

    /// <summary>Refuses a display's HTTP request for anything outside its scope with 403, before authorisation runs.</summary>
    public static IApplicationBuilder UseDisplayScope(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsDisplay(context.User) && context.GetEndpoint() is { } endpoint && !Allows(endpoint.Metadata) && !IsCircuit(context.Request))
        {
            context.RequestServices.GetRequiredService<AuditedAuthorizationResults>().Record(context, "a wall display may only show the wall");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(context).ConfigureAwait(false);
    });

    // The wall page runs over a Blazor circuit; what the circuit shows is checked per page by the router.
    private static bool IsCircuit(HttpRequest request) => request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal);
}
