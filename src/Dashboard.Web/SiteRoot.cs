namespace Dashboard.Web;

/// <summary>
/// Finds the site's static root. The files live in the repository's top-level <c>wwwroot</c> (beside
/// Dashboard.sln); a published app carries its own copy in its content root, where the default applies.
/// </summary>
public static class SiteRoot
{
    public static string? Locate(string contentRoot)
    {
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                var root = Path.Combine(directory.FullName, "wwwroot");
                return Directory.Exists(root) ? root : null;
            }
        }

        return null;
    }
}
