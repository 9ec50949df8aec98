using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>
/// Where things sit on a rendered page, measured in the browser: the navigation drawer, the main content,
/// the page's horizontal scroll width and every table against the box that scrolls it.
/// </summary>
public sealed record PageLayout(Box? Drawer, bool DrawerOpen, Box? Main, Box? Heading, double ScrollWidth, double InnerWidth, bool AppBarOverflows, IReadOnlyList<TableLayout> Tables)
{
    private const string Measure = """
        () => {
            const box = e => { if (!e) return null; const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
            const drawer = document.querySelector('.mud-drawer');
            const main = document.querySelector('.mud-main-content') ?? document.querySelector('main');
            const tables = [...(main ?? document).querySelectorAll('table')].filter(t => t.getClientRects().length > 0).map(t => {
                let scroller = t.parentElement;
                while (scroller && scroller !== document.body && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
                if (scroller === document.body) scroller = null;
                const cells = t.querySelectorAll('thead tr:first-child > *');
                return {
                    name: t.closest('[data-testid]')?.getAttribute('data-testid') ?? '(table)',
                    table: box(t),
                    scroller: box(scroller),
                    lastColumn: box(cells.length ? cells[cells.length - 1] : null),
                };
            });
            return JSON.stringify({
                drawer: box(drawer),
                drawerOpen: !!drawer && drawer.classList.contains('mud-drawer--open') && getComputedStyle(drawer).display !== 'none',
                main: box(main),
                heading: box(document.querySelector('h1')),
                scrollWidth: document.scrollingElement.scrollWidth,
                innerWidth: window.innerWidth,
                appBarOverflows: [...document.querySelectorAll('.mud-appbar .mud-toolbar')].some(t => t.scrollWidth > t.clientWidth + 1 || t.scrollHeight > t.clientHeight + 1),
                tables,
            });
        }
        """;

    public static async Task<PageLayout> MeasureAsync(IPage page) =>
        JsonSerializer.Deserialize<PageLayout>(await page.EvaluateAsync<string>(Measure), JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException("the page measured nothing");

    /// <summary>
    /// What is wrong with this layout, one line each; empty when nothing is. <paramref name="drawerBesideContent"/>:
    /// the drawer must be open and clear of the content; <paramref name="checkColumns"/>: every table's last column
    /// must be in view without scrolling (on a narrow screen a table may scroll inside its own container instead).
    /// </summary>
    public IReadOnlyList<string> Problems(bool drawerBesideContent, bool checkColumns)
    {
        var problems = new List<string>();
        if (ScrollWidth > InnerWidth)
        {
            problems.Add(Invariant($"the page scrolls sideways: scrollWidth {ScrollWidth} > innerWidth {InnerWidth}"));
        }

        if (AppBarOverflows)
        {
            problems.Add("the app bar's content does not fit in the app bar");
        }

        if (drawerBesideContent)
        {
            if (!DrawerOpen || Drawer is null)
            {
                problems.Add("the navigation drawer is not open");
            }
            else
            {
                foreach (var (name, box) in new[] { ("main content", Main), ("heading", Heading) })
                {
                    if (box is not null && box.Intersects(Drawer))
                    {
                        problems.Add(Invariant($"the {name} {box} lies under the open drawer {Drawer}"));
                    }
                }
            }
        }

        foreach (var table in Tables)
        {
            var visibleRight = Math.Min(InnerWidth, table.Scroller?.Right ?? InnerWidth);
            if (table.Scroller is null && table.Table.Right > InnerWidth + 0.5)
            {
                problems.Add(Invariant($"table {table.Name} ends at {table.Table.Right}, past the window ({InnerWidth}), with no scroll container"));
            }
            else if (checkColumns && table.LastColumn is { } last && last.Right > visibleRight + 0.5)
            {
                problems.Add(Invariant($"table {table.Name}: its last column ends at {last.Right}, cut at {visibleRight}"));
            }
        }

        return problems;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An element's bounding box in CSS pixels.</summary>
public sealed record Box(double Left, double Top, double Right, double Bottom)
{
    public bool Intersects(Box other) =>
        Left < other.Right - 0.5 && other.Left < Right - 0.5 && Top < other.Bottom - 0.5 && other.Top < Bottom - 0.5;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Left:0},{Top:0} – {Right:0},{Bottom:0}]");
}

/// <summary>A table, the nearest box that scrolls it sideways (if any) and its last header cell.</summary>
public sealed record TableLayout(string Name, Box Table, Box? Scroller, Box? LastColumn);
