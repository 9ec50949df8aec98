using Dashboard.Web.Alarms;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Hub;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

public sealed class AlarmBannerTests : StoredComponentTest
{
    private AlarmScenario Scenario => new(Services, Time);

    [Fact]
    public void Render_NoOpenAlarms_SaysSoAndLinksToAlarms()
    {
        var cut = Render<AlarmBanner>();

        cut.WaitForAssertion(() => Assert.Contains("No open alarms", cut.Find("[data-testid=alarm-banner]").TextContent, StringComparison.Ordinal));
        Assert.Equal("alarms", cut.Find("[data-testid=alarm-banner-link]").GetAttribute("href"));
        Assert.Empty(cut.FindAll(".alarm-banner--flash"));
    }

    [Fact]
    public async Task Render_OpenAlarms_CountsThemBySeverityAndUnacknowledged()
    {
        var boiler = Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room");
        var lobby = Scenario.Device("00d071a1b2c4@xmpp.test", "Lobby");
        await Scenario.RaiseAsync(boiler, AlarmScenario.Temperature, "AL_ALM_CONDITION");
        await Scenario.RaiseAsync(lobby, AlarmScenario.Temperature, "AL_ALM_CONDITION");
        await Scenario.RaiseAsync(lobby, AlarmScenario.Humidity, "AL_LOW_LMT_ALM_1");

        var cut = Render<AlarmBanner>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2 High", cut.Find("[data-testid=alarm-count][data-severity=High]").TextContent.Trim());
            Assert.Equal("1 Medium", cut.Find("[data-testid=alarm-count][data-severity=Medium]").TextContent.Trim());
        });
        Assert.Empty(cut.FindAll("[data-testid=alarm-count][data-severity=Low]"));
        Assert.Equal("3 unacknowledged", cut.Find("[data-testid=alarm-banner-unacknowledged]").TextContent.Trim());
        Assert.Equal("3", cut.Find("[data-testid=alarm-banner]").GetAttribute("data-total"));
    }

    [Fact]
    public async Task PushedAlarm_RaisedAfterRender_BannerCountsItWithoutReload()
    {
        var cut = Render<AlarmBanner>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=alarm-banner-none]"));

        await Scenario.RaiseAsync(Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room"), AlarmScenario.Temperature, "AL_HIGH_LMT_ALM_1");

        cut.WaitForAssertion(() => Assert.Equal("1 Medium", cut.Find("[data-testid=alarm-count][data-severity=Medium]").TextContent.Trim()));
    }

    [Fact]
    public async Task Flash_OnlyWhileAnOpenAlarmIsUnacknowledged()
    {
        var boiler = Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room");
        await Scenario.RaiseAsync(boiler, AlarmScenario.Temperature, "AL_ALM_CONDITION");
        var cut = Render<AlarmBanner>(p => p.Add(b => b.FlashWhileUnacknowledged, true).Add(b => b.Large, true).Add(b => b.Href, null));
        cut.WaitForAssertion(() => cut.Find(".alarm-banner--flash"));
        Assert.Empty(cut.FindAll("[data-testid=alarm-banner-link]"));

        var alarm = Assert.Single(await Services.GetRequiredService<OpenAlarms>().ReloadAsync(TestContext.Current.CancellationToken));
        await Services.GetRequiredService<AlarmTracker>().AcknowledgeAsync(alarm.Id, Dashboard.Testing.TestUsers.Signed("ann", DashboardRoles.Operator),
            null, TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll(".alarm-banner--flash"));
            Assert.Equal("0", cut.Find("[data-testid=alarm-banner]").GetAttribute("data-unacknowledged"));
            Assert.Equal("1 High", cut.Find("[data-testid=alarm-count][data-severity=High]").TextContent.Trim());
        });
    }

    [Fact]
    public void MainLayout_SignedInViewer_ShowsTheBannerOnEveryPage()
    {
        Authorization.SetAuthorized("lobby");
        Authorization.SetRoles(DashboardRoles.Viewer);
        Authorization.SetPolicies(DashboardPolicies.View);

        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        cut.WaitForAssertion(() => Assert.Contains("No open alarms", cut.Find("header [data-testid=alarm-banner]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void MainLayout_NotSignedIn_ShowsNoBanner()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Empty(cut.FindAll("[data-testid=alarm-banner]"));
    }
}
