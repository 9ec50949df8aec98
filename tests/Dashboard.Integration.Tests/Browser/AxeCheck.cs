using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>
/// Runs axe-core's WCAG 2.x level A and AA rules on a page and lists its serious and critical violations as
/// "rule [impact] target: help", with the page structure rules (main landmark, headings, column headers). A violation inside MudBlazor's own markup that cannot be fixed from the
/// dashboard's side is excused by its exact rule and target in <see cref="Excused"/>, each with the reason.
/// </summary>
internal static class AxeCheck
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Page structure rules from axe's best practices, checked at every impact: one main landmark, one h1, no skipped heading level, no nameless column.</summary>
    private static readonly AxeRunOptions Structure = new()
    {
        RunOnly = RunOnlyOptions.Rules("landmark-one-main", "page-has-heading-one", "heading-order", "empty-table-header"),
        ResultTypes = [ResultType.Violations],
    };

    private static readonly HashSet<string> Blocking = new(StringComparer.Ordinal) { "serious", "critical" };

    /// <summary>Rule id and exact target selector of violations that are MudBlazor's own; why, in the comment above each.</summary>
    private static readonly HashSet<(string Rule, string Target)> Excused = [];

    /// <summary>
    /// The page's serious and critical WCAG violations and every structure violation, one line per element,
    /// prefixed with <paramref name="where"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        var wcag = await page.RunAxe(Options);
        var structure = await page.RunAxe(Structure);
        return [.. Lines(where, wcag, impact => Blocking.Contains(impact)), .. Lines(where, structure, _ => true)];
    }

    private static IEnumerable<string> Lines(string where, AxeResult results, Func<string, bool> blocks) =>
        from violation in results.Violations
        from node in violation.Nodes
        let impact = node.Impact ?? violation.Impact ?? "unknown"
        let target = node.Target?.ToString() ?? "(page)"
        where blocks(impact) && !Excused.Contains((violation.Id, target))
        select $"{where}: {violation.Id} [{impact}] {target}: {violation.Help}";
}
