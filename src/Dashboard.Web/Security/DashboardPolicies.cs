using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// What each kind of action needs. Pages, the SignalR hub, the JSON API and the services that act all use
/// these names, so a permission is decided in one place.
/// </summary>
public static class DashboardPolicies
{
    /// <summary>See devices, points, alarms and logs.</summary>
    public const string View = "dashboard.view";

    /// <summary>Acknowledge alarms, write setpoints and export logs as CSV.</summary>
    public const string Operate = "dashboard.operate";

    /// <summary>Manage devices, connection settings, users and display tokens.</summary>
    public const string Administer = "dashboard.administer";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(View, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Viewer, DashboardRoles.Operator, DashboardRoles.Admin));
        options.AddPolicy(Operate, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Operator, DashboardRoles.Admin));
        options.AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin));
    }
}
