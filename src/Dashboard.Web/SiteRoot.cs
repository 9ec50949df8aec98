namespace Dashboard.Web;

/// <summary>
/// Finds the site's static root. The files live in the repository's top-level <c>wwwroot</c>; a
/// published app carries its own copy beside the binaries.
/// </summary>
public static class SiteRoot
{
    public static string? Locate(string contentRoot)
    {
        var beside = Path.Combine(contentRoot, "wwwroot");
        if (Directory.Exists(beside))
        {
            return null; // the framework default already points here
        }

        var repositoryRoot = Path.GetFullPath(Path.Combine(contentRoot, "..", "..", "wwwroot"));
        return Directory.Exists(repositoryRoot) ? repositoryRoot : null;
    }
}
