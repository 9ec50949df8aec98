using AlarmsPage = Dashboard.Web.Components.Pages.Alarms.Alarms;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Components;

public sealed class AlarmsPageTests : StoredComponentTest
{
    private AlarmScenario Scenario => new(Services, Time);

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderPage() => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudDialogProvider>(1);
        b.CloseComponent();
        b.OpenComponent<AlarmsPage>(2);
        b.CloseComponent();
    });

    /// <summary>Roles decide what the services allow; <paramref name="policies"/> only what the page offers.</summary>
    private void SignIn(string name, string role, params string[] policies)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(role);
        Authorization.SetPolicies(policies);
    }

    private void SignInViewer() => SignIn("lobby", DashboardRoles.Viewer, DashboardPolicies.View);

    private void SignInOperator() => SignIn("operator-ann", DashboardRoles.Operator, DashboardPolicies.View, DashboardPolicies.Operate);

    private async Task RaiseThreeAsync()
    {
        var boiler = Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room");
        var lobby = Scenario.Device("00d071a1b2c4@xmpp.test", "Lobby");
        await Scenario.RaiseAsync(boiler, AlarmScenario.Temperature, "AL_ALM_CONDITION");
        await Scenario.RaiseAsync(lobby, AlarmScenario.Temperature, "AL_HIGH_LMT_ALM_1");
        await Scenario.RaiseAsync(lobby, AlarmScenario.Humidity, "AL_LOW_LMT_ALM_1");
    }

    [Fact]
    public void Render_NoAlarms_SaysThereAreNone()
    {
        SignInViewer();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("No open alarms.", cut.Find("[data-testid=no-active-alarms]").TextContent.Trim()));
    }

    [Fact]
    public async Task Render_WhileTheDatabaseIsSlow_ShowsLoadingThenTheAlarms()
    {
        SignInViewer();
        await RaiseThreeAsync();
        Gate.Close();

        var cut = RenderPage();
        cut.Find("[data-testid=alarms-loading]");

        Gate.Open();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=alarm-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=alarms-loading]"));
    }

    [Fact]
    public async Task Render_OpenAlarms_ShowSeverityStateAndDeviceNewestFirst()
    {
        SignInViewer();
        await RaiseThreeAsync();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=alarm-row]").Count));
        var first = cut.FindAll("[data-testid=active-alarms] tbody tr")[2];
        Assert.Contains("Boiler room", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("AL_ALM_CONDITION", first.TextContent, StringComparison.Ordinal);
        Assert.Equal("High", first.QuerySelector("[data-severity]")!.GetAttribute("data-severity"));
        Assert.Equal("ActiveUnacknowledged", first.QuerySelector("[data-state]")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task Viewer_SeesAlarms_ButNoAcknowledgeButtonsOrSelection()
    {
        SignInViewer();
        await RaiseThreeAsync();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=alarm-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=ack-one]"));
        Assert.Empty(cut.FindAll("[data-testid=ack-selected]"));
        Assert.Empty(cut.FindAll("[data-testid=active-alarms] input[type=checkbox]"));
    }

    [Fact]
    public async Task Operator_AcknowledgesOneWithAComment_StoredAndShownAcknowledged()
    {
        SignInOperator();
        await Scenario.RaiseAsync(Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room"), AlarmScenario.Temperature, "AL_ALM_CONDITION");
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=ack-one]"));

        cut.Find("[data-testid=ack-one]").Click();
        cut.WaitForAssertion(() => cut.Find("textarea[data-testid=ack-comment]"));
        Assert.Contains("Boiler room", cut.Find("[data-testid=ack-dialog-alarms]").TextContent, StringComparison.Ordinal);
        cut.Find("textarea[data-testid=ack-comment]").Input("fan belt replaced");
        cut.Find("[data-testid=ack-confirm]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Alarm acknowledged.", cut.Find("[data-testid=alarms-message]").TextContent.Trim());
            Assert.Equal("ActiveAcknowledged", cut.Find("[data-testid=active-alarms] [data-state]").GetAttribute("data-state"));
            Assert.Empty(cut.FindAll("[data-testid=ack-one]"));
        });
        await using var db = NewDb();
        var alarm = await db.Alarms.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(AlarmState.ActiveAcknowledged, alarm.State);
        Assert.Equal("operator-ann", alarm.AcknowledgedBy);
        Assert.Equal("fan belt replaced", alarm.AcknowledgeComment);
    }

    [Fact]
    public async Task Operator_CancelsTheDialog_NothingIsAcknowledged()
    {
        SignInOperator();
        await Scenario.RaiseAsync(Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room"), AlarmScenario.Temperature, "AL_ALM_CONDITION");
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=ack-one]"));

        cut.Find("[data-testid=ack-one]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=ack-cancel]"));
        cut.Find("[data-testid=ack-cancel]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=ack-dialog-alarms]")));
        await using var db = NewDb();
        Assert.Equal(AlarmState.ActiveUnacknowledged, (await db.Alarms.SingleAsync(TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task Operator_SelectsAllAndAcknowledgesInBulk_EveryAlarmStoredWithTheComment()
    {
        SignInOperator();
        await RaiseThreeAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=alarm-row]").Count));

        cut.Find("[data-testid=active-alarms] thead input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("(3)", cut.Find("[data-testid=ack-selected]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=ack-selected]").Click();
        cut.WaitForAssertion(() => cut.Find("textarea[data-testid=ack-comment]"));
        cut.Find("textarea[data-testid=ack-comment]").Input("night shift checked all");
        cut.Find("[data-testid=ack-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("3 alarms acknowledged.", cut.Find("[data-testid=alarms-message]").TextContent.Trim()));
        await using var db = NewDb();
        var alarms = await db.Alarms.ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(alarms, a => Assert.Equal(AlarmState.ActiveAcknowledged, a.State));
        Assert.All(alarms, a => Assert.Equal("night shift checked all", a.AcknowledgeComment));
        Assert.Equal(3, await db.AlarmEvents.CountAsync(e => e.State == AlarmState.ActiveAcknowledged, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Acknowledge_PageOffersItToAViewer_TheServiceStillRefusesAndThePageSaysSo()
    {
        SignIn("mallory", DashboardRoles.Viewer, DashboardPolicies.View, DashboardPolicies.Operate);
        await Scenario.RaiseAsync(Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room"), AlarmScenario.Temperature, "AL_ALM_CONDITION");
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=ack-one]"));
        cut.Find("[data-testid=ack-one]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=ack-confirm]"));
        cut.Find("[data-testid=ack-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("may not acknowledge", cut.Find("[data-testid=alarms-message]").TextContent, StringComparison.Ordinal));
        await using var db = NewDb();
        Assert.Equal(AlarmState.ActiveUnacknowledged, (await db.Alarms.SingleAsync(TestContext.Current.CancellationToken)).State);
        Assert.Equal(1, Services.GetRequiredService<Dashboard.Web.Data.StoreWriter>().Backlog);
    }

    [Fact]
    public async Task FilterBySeverity_OnlyMatchingAlarmsShown()
    {
        SignInViewer();
        await RaiseThreeAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=alarm-row]").Count));

        var severity = cut.FindComponent<MudSelect<AlarmSeverity>>();
        await cut.InvokeAsync(() => severity.Instance.SelectedValuesChanged.InvokeAsync([AlarmSeverity.High]));

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("[data-testid=alarm-row]"));
            Assert.Equal("High", row.QuerySelector("[data-severity]")!.GetAttribute("data-severity"));
        });
        Assert.Contains("1 of 3 open", cut.Find("[data-testid=active-alarms]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterByDeviceAndState_TypedPartOfAName_NarrowsTheList()
    {
        SignInViewer();
        await RaiseThreeAsync();
        await Scenario.ClearAsync(Scenario.Device("00d071a1b2c4@xmpp.test", "Lobby"), AlarmScenario.Humidity);
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=alarm-row]").Count));

        cut.Find("input[data-testid=filter-device]").Input("lob");
        Time.Advance(TimeSpan.FromMilliseconds(400)); // the field's typing pause runs on the app's clock
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=alarm-row]").Count));
        var state = cut.FindComponent<MudSelect<AlarmState>>();
        await cut.InvokeAsync(() => state.Instance.SelectedValuesChanged.InvokeAsync([AlarmState.ClearedUnacknowledged]));

        cut.WaitForAssertion(() => Assert.Equal("ClearedUnacknowledged",
            Assert.Single(cut.FindAll("[data-testid=active-alarms] tbody [data-state]")).GetAttribute("data-state")));
    }

    [Fact]
    public async Task PushedAlarm_RaisedWhileThePageIsOpen_AppearsWithoutReload()
    {
        SignInViewer();
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-active-alarms]"));

        await Scenario.RaiseAsync(Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room"), AlarmScenario.Temperature, "AL_ALM_CONDITION");

        cut.WaitForAssertion(() => Assert.Contains("Boiler room", Assert.Single(cut.FindAll("[data-testid=active-alarms] tbody tr")).TextContent,
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_ShowsEveryStepWithWhoAndComment_AndFollowsNewEvents()
    {
        SignInViewer();
        var boiler = Scenario.Device("00d071a1b2c3@xmpp.test", "Boiler room");
        await Scenario.RaiseAsync(boiler, AlarmScenario.Temperature, "AL_ALM_CONDITION");
        await using (var db = NewDb())
        {
            var id = (await db.Alarms.SingleAsync(TestContext.Current.CancellationToken)).Id;
            await Services.GetRequiredService<Dashboard.Web.Hub.AlarmTracker>().AcknowledgeAsync(id,
                Dashboard.Testing.TestUsers.Signed("operator-bob", DashboardRoles.Operator), "reset", TestContext.Current.CancellationToken);
        }

        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=alarm-row]"));
        cut.FindAll(".mud-tab")[1].Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=history-row]").Count));
        var newest = cut.FindAll("[data-testid=alarm-history] tbody tr")[0];
        Assert.Contains("operator-bob", newest.TextContent, StringComparison.Ordinal);
        Assert.Contains("reset", newest.TextContent, StringComparison.Ordinal);

        await Scenario.ClearAsync(boiler, AlarmScenario.Temperature);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=history-row]").Count));
    }

    [Fact]
    public async Task Render_DeviceNameWithMarkup_IsShownAsText()
    {
        SignInViewer();
        await Scenario.RaiseAsync(Scenario.Device("00d071a1b2c3@xmpp.test", "<img src=x onerror=alert(1)>"), AlarmScenario.Temperature, "AL_ALM_CONDITION");

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("<img src=x onerror=alert(1)>", cut.Find("[data-testid=active-alarms] tbody").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=active-alarms] tbody img"));
    }
}
