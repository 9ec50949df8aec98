namespace Dashboard.Web.Data;

/// <summary>SQL LIKE patterns from user text: the text's own % and _ match themselves, not anything.</summary>
public static class LikePattern
{
    /// <summary>The escape character the patterns use.</summary>
    public const string Escape = "\\";

    /// <summary>A pattern matching any value that contains <paramref name="text"/>.</summary>
    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
