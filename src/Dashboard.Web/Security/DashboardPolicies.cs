using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// What each kind of action needs. Pages, the SignalR hub, the JSON API and the services that act all use
/// these names, so a permission is decided in one place.
/// </summary>
public static class DashboardPolicies
{
    /// <summary>See devices, points, alarms and logs. A wall display's token does not give this.</summary>
    public const string View = "dashboard.view";

    /// <summary>See the wall display (<c>/wall</c>): any signed-in user, or a display signed in by its token.</summary>
    public const string Wall = "dashboard.wall";

    /// <summary>Acknowledge alarms, write setpoints and export logs as CSV.</summary>
    public const string Operate = "dashboard.operate";

    /// <summary>Manage devices, connection settings, users and display tokens.</summary>
    public const string Administer = "dashboard.administer";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Wall, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.All));
        options.AddPolicy(View, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.All).RequireAssertion(NotADisplay));
        options.AddPolicy(Operate, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Operator, DashboardRoles.Admin).RequireAssertion(NotADisplay));
        options.AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin).RequireAssertion(NotADisplay));
    }

    private static bool NotADisplay(AuthorizationHandlerContext context) =>
        !context.User.HasClaim(c => c.Type == DashboardClaims.DisplayToken);
}
