namespace Dashboard.Web.Security;

/// <summary>Claims the dashboard adds beside name and role.</summary>
public static class DashboardClaims
{
    /// <summary>Present on a wall display signed in by a display token; its value is the token's id.</summary>
    public const string DisplayToken = "dashboard:display-token";

    /// <summary>The token id a <see cref="DisplayToken"/> claim carries; null when the value is not one.</summary>
    public static int? DisplayTokenId(string? claimValue) =>
        int.TryParse(claimValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The id of the server-side session (<see cref="UserSessions"/>) a sign-in cookie belongs to.</summary>
    public const string Session = "dashboard:session";
}
