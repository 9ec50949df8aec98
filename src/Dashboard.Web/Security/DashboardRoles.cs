namespace Dashboard.Web.Security;

/// <summary>
/// The three roles. A Viewer sees status; an Operator also acknowledges alarms and writes setpoints;
/// an Admin also manages devices, connection settings, users and display tokens.
/// </summary>
public static class DashboardRoles
{
    public const string Viewer = nameof(Viewer);

    public const string Operator = nameof(Operator);

    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];
}
