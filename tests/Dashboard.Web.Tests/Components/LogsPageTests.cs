using LogsPage = Dashboard.Web.Components.Pages.Logs.Logs;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Components;

public sealed class LogsPageTests : StoredComponentTest
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

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

    private async Task AddAsync(params object[] rows)
    {
        await using var db = NewDb();
        db.AddRange(rows);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static SoapExchange Exchange(string id, string jid, string operation, SoapOutcome outcome, DateTimeOffset at, string request, string? response = "<ok/>") =>
        new() { CorrelationId = id, Jid = jid, Operation = operation, Outcome = outcome, StartedAt = at, DurationMs = 42, Request = request, Response = response };

    [Fact]
    public void Render_EmptyDatabase_SaysNoExchangesMatch()
    {
        SignIn("lobby", DashboardPolicies.View);

        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=soap-empty]"));
    }

    [Fact]
    public async Task Render_WhileTheDatabaseIsSlow_ShowsLoadingThenRows()
    {
        SignIn("lobby", DashboardPolicies.View);
        await AddAsync(Exchange("c1", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Success, T0, "<Read/>"));
        Gate.Close();

        var cut = RenderPage();
        cut.Find("[data-testid=soap-loading]");

        Gate.Open();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=soap-row]")));
    }

    [Fact]
    public async Task Render_Exchanges_ShowDeviceNameOperationOutcomeAndDuration()
    {
        SignIn("lobby", DashboardPolicies.View);
        Registry.AddOrUpdate(Jid.Parse("00d071a1b2c3@xmpp.test"), "Boiler room");
        await AddAsync(
            Exchange("c1", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Success, T0, "<Read/>"),
            Exchange("c2", "00d071a1b2c4@xmpp.test", "Write", SoapOutcome.Fault, T0.AddMinutes(1), "<Write/>", null));

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=soap-row]").Count));
        var rows = cut.FindAll("[data-testid=soap-row]");
        Assert.Contains("00d071a1b2c4@xmpp.test", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Fault", rows[0].QuerySelector("[data-outcome]")!.GetAttribute("data-outcome"));
        Assert.Contains("Boiler room", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("42 ms", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("2 exchanges", cut.Find("[data-testid=soap-count]").TextContent.Trim());
    }

    [Fact]
    public async Task Expand_XmlExchange_ShowsRequestAndResponseIndented()
    {
        SignIn("lobby", DashboardPolicies.View);
        await AddAsync(Exchange("c1", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Success, T0, "<Read><iLonItem><Item><UCPTname>temp</UCPTname></Item></iLonItem></Read>"));
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=soap-row] button"));

        cut.Find("[data-testid=soap-row] button").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=xml-text]").Count));
        var request = cut.FindAll("[data-testid=xml-text]")[0];
        Assert.Equal("xml", request.GetAttribute("data-format"));
        Assert.Contains("\n  <iLonItem>", request.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-testid=soap-row] button").GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task Expand_ScriptInsideXmlAndMarkupThatIsNotXml_BothRenderedInertAsText()
    {
        SignIn("lobby", DashboardPolicies.View);
        await AddAsync(Exchange("c1", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Error, T0,
            "<Read><UCPTname>&lt;script&gt;alert(1)&lt;/script&gt;</UCPTname></Read>", "<img src=x onerror=alert(1)><b>not xml"));
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=soap-row] button"));

        cut.Find("[data-testid=soap-row] button").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=xml-text]").Count));
        var (request, response) = (cut.FindAll("[data-testid=xml-text]")[0], cut.FindAll("[data-testid=xml-text]")[1]);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", request.TextContent, StringComparison.Ordinal);
        Assert.Equal("raw", response.GetAttribute("data-format"));
        Assert.Equal("<img src=x onerror=alert(1)><b>not xml", response.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=soap-details] script, [data-testid=soap-details] img, [data-testid=soap-details] b"));
    }

    [Fact]
    public async Task FilterByDeviceAndOutcome_ReloadsWithOnlyMatchingRows()
    {
        SignIn("lobby", DashboardPolicies.View);
        await AddAsync(
            Exchange("c1", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Success, T0, "<Read/>"),
            Exchange("c2", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Timeout, T0.AddMinutes(1), "<Read/>", null),
            Exchange("c3", "00d071a1b2c4@xmpp.test", "Read", SoapOutcome.Timeout, T0.AddMinutes(2), "<Read/>", null));
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=soap-row]").Count));

        cut.Find("input[data-testid=soap-device]").Input("b2c3");
        Time.Advance(TimeSpan.FromMilliseconds(400)); // the field's typing pause runs on the app's clock
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=soap-row]").Count));
        var outcome = cut.FindComponent<MudSelect<SoapOutcome?>>();
        await cut.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(SoapOutcome.Timeout));

        cut.WaitForAssertion(() => Assert.Equal("Timeout", Assert.Single(cut.FindAll("[data-testid=soap-row] [data-outcome]")).GetAttribute("data-outcome")));
    }

    [Fact]
    public async Task Export_Operator_LinkCarriesTheFilterOnScreen()
    {
        SignIn("operator-ann", DashboardPolicies.View, DashboardPolicies.Operate);
        await AddAsync(Exchange("c1", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Success, T0, "<Read/>"));
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=soap-export]"));

        var operation = cut.FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => operation.Instance.ValueChanged.InvokeAsync("Read"));

        cut.WaitForAssertion(() => Assert.Equal("logs/soap.csv?operation=Read", cut.Find("[data-testid=soap-export]").GetAttribute("href")));
        Assert.True(cut.Find("[data-testid=soap-export]").HasAttribute("download"));
    }

    [Fact]
    public async Task Export_Viewer_IsNotOffered()
    {
        SignIn("lobby", DashboardPolicies.View);
        await AddAsync(Exchange("c1", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Success, T0, "<Read/>"));

        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=soap-row]"));
        Assert.Empty(cut.FindAll("[data-testid=soap-export]"));
    }

    [Fact]
    public async Task StoredExchange_AfterRender_AppearsWithoutARefresh()
    {
        SignIn("lobby", DashboardPolicies.View);
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=soap-empty]"));

        await AddAsync(Exchange("c1", "00d071a1b2c3@xmpp.test", "Read", SoapOutcome.Success, T0, "<Read/>"));
        Services.GetRequiredService<LiveUpdates>().Publish(new LiveChange(LiveChangeKind.LogRow, null, Dashboard.Web.Logs.StoredLogRows.SoapExchanges));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=soap-row]")));
    }

    [Fact]
    public async Task PresenceTab_ShowsEventsNewestFirst()
    {
        SignIn("lobby", DashboardPolicies.View);
        await AddAsync(
            new PresenceEvent { Jid = "00d071a1b2c3@xmpp.test", Availability = "Available", At = T0 },
            new PresenceEvent { Jid = "00d071a1b2c3@xmpp.test", Availability = "Unavailable", Status = "<b>gone</b>", At = T0.AddMinutes(1) });
        var cut = RenderPage();

        cut.FindAll(".mud-tab")[1].Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=presence-row]").Count));
        var newest = cut.FindAll("[data-testid=presence-row]")[0];
        Assert.Contains("Unavailable", newest.TextContent, StringComparison.Ordinal);
        Assert.Contains("<b>gone</b>", newest.TextContent, StringComparison.Ordinal);
        Assert.Empty(newest.QuerySelectorAll("b"));
    }

    [Fact]
    public async Task AuditTab_DeniedOnly_FiltersToRefusals()
    {
        SignIn("lobby", DashboardPolicies.View);
        await AddAsync(
            new AuditEntry { At = T0, User = "operator-ann", Action = "point.write", Target = "00d071a1b2c3@xmpp.test", Allowed = true },
            new AuditEntry { At = T0.AddMinutes(1), User = "lobby", Action = "alarm.acknowledge", Target = "alarm 1", Allowed = false, Details = "denied: needs dashboard.operate" });
        var cut = RenderPage();
        cut.FindAll(".mud-tab")[2].Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-row]").Count));

        var allowed = cut.FindComponent<MudSelect<bool?>>();
        await cut.InvokeAsync(() => allowed.Instance.ValueChanged.InvokeAsync(false));

        cut.WaitForAssertion(() => Assert.Equal("false", Assert.Single(cut.FindAll("[data-testid=audit-row]")).GetAttribute("data-allowed")));
        Assert.Contains("alarm.acknowledge", cut.Find("[data-testid=audit-row]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TabInTheAddress_OpensThatTab_ChoosingAnotherPutsItInTheAddress()
    {
        SignIn("lobby", DashboardPolicies.View);
        await AddAsync(new AuditEntry { At = T0, User = "operator-ann", Action = "point.write", Target = "00d071a1b2c3@xmpp.test", Allowed = true });
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("logs?tab=audit");

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-row]")));
        cut.FindAll(".mud-tab")[1].Click();
        cut.WaitForAssertion(() => Assert.EndsWith("/logs?tab=presence", navigation.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => cut.Find("[data-testid=presence-empty]"));
        cut.FindAll(".mud-tab")[0].Click();
        cut.WaitForAssertion(() => Assert.EndsWith("/logs", navigation.Uri, StringComparison.Ordinal));
    }
}
