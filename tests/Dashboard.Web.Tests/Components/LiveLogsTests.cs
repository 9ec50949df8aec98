using LogsPage = Dashboard.Web.Components.Pages.Logs.Logs;
using Dashboard.Web.Components.Pages.Logs;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Live;
using Dashboard.Web.Logs;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// The Logs page following its logs live: rows go through the real store writer, are announced once stored, and the
/// page asks the database for what is newer, through its filter.
/// </summary>
public sealed class LiveLogsTests : StoredComponentTest
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private const string Boiler = "00d071a1b2c3@xmpp.test";

    private StoreWriter Store => Services.GetRequiredService<StoreWriter>();

    private IRenderedComponent<IComponent> RenderPage() => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<LogsPage>(1);
        b.CloseComponent();
    });

    private void SignIn(string name, params string[] policies)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetPolicies(policies);
    }

    /// <summary>The writer and the announcement of stored rows, as the app runs them.</summary>
    private async Task StartWritingAsync()
    {
        await Store.StartAsync(TestContext.Current.CancellationToken);
        await new StoredLogRows(Store, Services.GetRequiredService<LiveUpdates>()).StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Stores a row through the writer and waits until it is stored and announced; then moves the app's clock past the
    /// broker's tenth of a second, so an announcement it held back to coalesce goes out.
    /// </summary>
    private async Task WriteAsync(object row, bool advanceClock = true)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStored(IReadOnlyList<object> rows)
        {
            if (rows.Contains(row))
            {
                stored.TrySetResult();
            }
        }

        Store.Stored += OnStored;
        try
        {
            Store.Enqueue(row);
            await stored.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        finally
        {
            Store.Stored -= OnStored;
        }

        if (advanceClock)
        {
            Time.Advance(TimeSpan.FromMilliseconds(150));
        }
    }

    private static SoapExchange Exchange(string id, SoapOutcome outcome, DateTimeOffset at) =>
        new() { CorrelationId = id, Jid = Boiler, Operation = "Read", Outcome = outcome, StartedAt = at, DurationMs = 42, Request = "<Read/>", Response = "<ok/>" };

    private static string?[] ShownIds(IRenderedComponent<IComponent> cut) =>
        [.. cut.FindAll("[data-testid=soap-row]").Select(r => r.GetAttribute("data-id"))];

    [Fact]
    public async Task StoredExchange_AppearsAtTheTopWithoutReload()
    {
        SignIn("lobby", DashboardPolicies.View);
        await StartWritingAsync();
        await WriteAsync(Exchange("old", SoapOutcome.Success, T0));
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=soap-row]")));
        var first = ShownIds(cut)[0];

        await WriteAsync(Exchange("new", SoapOutcome.Fault, T0.AddMinutes(1)));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=soap-row]").Count));
        Assert.Equal("Fault", cut.FindAll("[data-testid=soap-row] [data-outcome]")[0].GetAttribute("data-outcome"));
        Assert.Equal(first, ShownIds(cut)[1]);
        Assert.Equal("2 exchanges", cut.Find("[data-testid=soap-count]").TextContent.Trim());
        Assert.Equal("false", cut.Find("[data-testid=soap-held]").GetAttribute("data-paused"));
    }

    [Fact]
    public async Task BurstOfStoredExchanges_ReadAndShownAtMostOncePerTenthOfASecond()
    {
        SignIn("lobby", DashboardPolicies.View);
        await StartWritingAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=soap-empty]"));
        Time.Advance(TimeSpan.FromMilliseconds(150));
        var readsBefore = Gate.SelectsMentioning("\"SoapExchanges\"");

        // Twenty exchanges stored one by one, each announced on its own, within the same tenth of a second on the app's clock.
        for (var n = 0; n < 20; n++)
        {
            await WriteAsync(Exchange($"burst {n}", SoapOutcome.Success, T0.AddSeconds(n)), advanceClock: false);
        }

        Time.Advance(TimeSpan.FromMilliseconds(100));

        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("[data-testid=soap-row]").Count));
        // Each delivery is one query and one render: the first change at once, the rest of the burst one tenth of a second later.
        Assert.InRange(Gate.SelectsMentioning("\"SoapExchanges\"") - readsBefore, 1, 2);
    }

    [Fact]
    public async Task StoredExchange_NotMatchingTheFilter_StaysOut()
    {
        SignIn("lobby", DashboardPolicies.View);
        await StartWritingAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=soap-empty]"));
        var outcome = cut.FindComponent<MudSelect<SoapOutcome?>>();
        await cut.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(SoapOutcome.Timeout));

        await WriteAsync(Exchange("fine", SoapOutcome.Success, T0));
        await WriteAsync(Exchange("late", SoapOutcome.Timeout, T0.AddSeconds(1)));

        cut.WaitForAssertion(() => Assert.Equal("Timeout", Assert.Single(cut.FindAll("[data-testid=soap-row] [data-outcome]")).GetAttribute("data-outcome")));
        await WriteAsync(Exchange("fine again", SoapOutcome.Success, T0.AddSeconds(2)));
        await WriteAsync(Exchange("late again", SoapOutcome.Timeout, T0.AddSeconds(3)));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=soap-row]").Count));
        Assert.All(cut.FindAll("[data-testid=soap-row] [data-outcome]"), o => Assert.Equal("Timeout", o.GetAttribute("data-outcome")));
    }

    [Fact]
    public async Task ScrolledAway_NewRowsWaitCounted_UntilShownOrBackAtTheTop()
    {
        SignIn("lobby", DashboardPolicies.View);
        await StartWritingAsync();
        await WriteAsync(Exchange("read", SoapOutcome.Success, T0));
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=soap-row]")));
        var list = cut.FindComponent<LogList<SoapExchangeSummary>>();

        await cut.InvokeAsync(() => list.Instance.OnScrolledAway(true));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=soap-held]").GetAttribute("data-paused")));
        await WriteAsync(Exchange("second", SoapOutcome.Success, T0.AddMinutes(1)));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=soap-held]").GetAttribute("data-count")));
        await WriteAsync(Exchange("third", SoapOutcome.Fault, T0.AddMinutes(2)));

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=soap-held]").GetAttribute("data-count")));
        Assert.Single(cut.FindAll("[data-testid=soap-row]")); // the rows being read did not move
        Assert.Contains("2 new", cut.Find("[data-testid=soap-held]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=soap-held-show]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=soap-row]").Count));
        Assert.Equal("Fault", cut.FindAll("[data-testid=soap-row] [data-outcome]")[0].GetAttribute("data-outcome"));
        Assert.Equal("false", cut.Find("[data-testid=soap-held]").GetAttribute("data-paused"));
        Assert.Empty(cut.FindAll("[data-testid=soap-held-show]"));

        // Scrolling away and back to the top by hand brings held rows in too.
        await cut.InvokeAsync(() => list.Instance.OnScrolledAway(true));
        await WriteAsync(Exchange("fourth", SoapOutcome.Success, T0.AddMinutes(3)));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=soap-held]").GetAttribute("data-count")));
        await cut.InvokeAsync(() => list.Instance.OnScrolledAway(false));
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=soap-row]").Count));
    }

    [Fact]
    public async Task PresenceTab_StoredEvent_AppearsLive()
    {
        SignIn("lobby", DashboardPolicies.View);
        await StartWritingAsync();
        var cut = RenderPage();
        cut.FindAll(".mud-tab")[1].Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=presence-empty]"));

        await WriteAsync(new PresenceEvent { Jid = Boiler, Availability = "Unavailable", At = T0 });

        cut.WaitForAssertion(() => Assert.Contains("Unavailable", Assert.Single(cut.FindAll("[data-testid=presence-row]")).TextContent,
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditTab_StoredEntry_AppearsLiveThroughTheFilter()
    {
        SignIn("lobby", DashboardPolicies.View);
        await StartWritingAsync();
        var cut = RenderPage();
        cut.FindAll(".mud-tab")[2].Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=audit-empty]"));
        var allowed = cut.FindComponent<MudSelect<bool?>>();
        await cut.InvokeAsync(() => allowed.Instance.ValueChanged.InvokeAsync(false));

        await WriteAsync(new AuditEntry { At = T0, User = "operator-ann", Action = "point.write", Target = Boiler, Allowed = true });
        await WriteAsync(new AuditEntry { At = T0.AddSeconds(1), User = "lobby", Action = "alarm.acknowledge", Target = "alarm 1", Allowed = false });

        cut.WaitForAssertion(() => Assert.Contains("alarm.acknowledge", Assert.Single(cut.FindAll("[data-testid=audit-row]")).TextContent,
            StringComparison.Ordinal));
    }
}
