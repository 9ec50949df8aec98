using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>
/// Runs axe-core's WCAG 2.x level A and AA rules on a page and lists its serious and critical violations as
/// "rule [impact] target: help". A violation inside MudBlazor's own markup that cannot be fixed from the
/// dashboard's side is excused by its exact rule and target in <see cref="Excused"/>, each with the reason.
/// </summary>
internal static class AxeCheck
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
        ResultTypes = [ResultType.Violations],
    };

    private static readonly HashSet<string> Blocking = new(StringComparer.Ordinal) { "serious", "critical" };

    /// <summary>Rule id and exact target selector of violations that are MudBlazor's own; why, in the comment above each.</summary>
    private static readonly HashSet<(string Rule, string Target)> Excused = [];

    /// <summary>The page's serious and critical violations, one line per element, prefixed with <paramref name="where"/>.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        var results = await page.RunAxe(Options);
        return
        [
            .. from violation in results.Violations
               from node in violation.Nodes
               let impact = node.Impact ?? violation.Impact
               let target = node.Target?.ToString() ?? "(page)"
               where impact is not null && Blocking.Contains(impact) && !Excused.Contains((violation.Id, target))
               select $"{where}: {violation.Id} [{impact}] {target}: {violation.Help}",
        ];
    }
}
