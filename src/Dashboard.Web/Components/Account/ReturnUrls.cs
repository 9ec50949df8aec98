namespace Dashboard.Web.Components.Account;

/// <summary>Where to go after signing in: only a path on this site, never another host.</summary>
public static class ReturnUrls
{
    public static string Local(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return "/";
        }

        var path = returnUrl.StartsWith('/') ? returnUrl : "/" + returnUrl;
        var safe = !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
            && !path.Any(char.IsControl) && Uri.TryCreate(path, UriKind.Relative, out _);
        return safe ? path : "/";
    }
}
