using AlarmsPage = Dashboard.Web.Components.Pages.Alarms.Alarms;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Dashboard.Web.Tests.Components;

/// <summary>The active alarms tab with thousands of open alarms: only rows in view rendered, selection kept apart from them.</summary>
public sealed class AlarmsVirtualizationTests : StoredComponentTest
{
    private const int PerDevice = 1000;

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

    private void SignIn(string name, string role, params string[] policies)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(role);
        Authorization.SetPolicies(policies);
    }

    /// <summary>2,000 open alarms: 1,000 Critical on the boiler room, 1,000 Medium in the lobby.</summary>
    private async Task SeedAsync()
    {
        await using var db = NewDb();
        var boiler = new Device { Jid = "00d071a1b2c3@xmpp.test", Name = "Boiler room" };
        var lobby = new Device { Jid = "00d071a1b2c4@xmpp.test", Name = "Lobby" };
        db.Devices.AddRange(boiler, lobby);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var raised = Time.GetUtcNow();
        for (var n = 0; n < PerDevice; n++)
        {
            db.Alarms.Add(new Alarm
            {
                DeviceId = boiler.Id, PointName = $"Net/LON/iLON App/VirtFb/temp_{n}", Condition = "AL_HIGH_LMT_ALM_2",
                Severity = AlarmSeverity.Critical, State = AlarmState.ActiveUnacknowledged, RaisedAt = raised.AddSeconds(-n),
            });
            db.Alarms.Add(new Alarm
            {
                DeviceId = lobby.Id, PointName = $"Net/LON/iLON App/VirtFb/humidity_{n}", Condition = "AL_LOW_LMT_ALM_1",
                Severity = AlarmSeverity.Medium, State = AlarmState.ActiveUnacknowledged, RaisedAt = raised.AddSeconds(-n),
            });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TwoThousandOpenAlarms_OnlyTheRowsInViewAreRendered()
    {
        SignIn("operator-ann", DashboardRoles.Operator, DashboardPolicies.View, DashboardPolicies.Operate);
        await SeedAsync();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("2000 of 2000 open", cut.Find("[data-testid=active-alarms]").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("[data-testid=active-alarms]").GetAttribute("data-virtualized"));
        var rendered = cut.FindAll("[data-testid=alarm-row]").Count;
        Assert.InRange(rendered, 1, 149);
    }

    [Fact]
    public async Task SelectAllUnderAFilter_AcknowledgesEveryMatchingAlarm_NotTheOthers_EvenAfterALiveUpdate()
    {
        SignIn("operator-ann", DashboardRoles.Operator, DashboardPolicies.View, DashboardPolicies.Operate);
        await SeedAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Contains("2000 of 2000 open", cut.Find("[data-testid=active-alarms]").TextContent, StringComparison.Ordinal));
        var severity = cut.FindComponent<MudSelect<AlarmSeverity>>();
        await cut.InvokeAsync(() => severity.Instance.SelectedValuesChanged.InvokeAsync([AlarmSeverity.Medium]));
        cut.WaitForAssertion(() => Assert.Contains("1000 of 2000 open", cut.Find("[data-testid=active-alarms]").TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=active-alarms] thead input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("(1000)", cut.Find("[data-testid=ack-selected]").TextContent, StringComparison.Ordinal));
        Assert.True(cut.FindAll("[data-testid=alarm-row]").Count < 150);

        // A new alarm arrives while the selection stands: the list follows, the selection keeps the 1,000 and does not take the newcomer.
        await Scenario.RaiseAsync(Scenario.Device("00d071a1b2c4@xmpp.test", "Lobby"), AlarmScenario.Humidity, "AL_LOW_LMT_ALM_1");
        cut.WaitForAssertion(() => Assert.Contains("1001 of 2001 open", cut.Find("[data-testid=active-alarms]").TextContent, StringComparison.Ordinal));
        Assert.Contains("(1000)", cut.Find("[data-testid=ack-selected]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=ack-selected]").Click();
        cut.WaitForAssertion(() => cut.Find("textarea[data-testid=ack-comment]"));
        cut.Find("textarea[data-testid=ack-comment]").Input("lobby sensors recalibrated");
        cut.Find("[data-testid=ack-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("1000 alarms acknowledged.", cut.Find("[data-testid=alarms-message]").TextContent.Trim()));
        await using var db = NewDb();
        var states = await db.Alarms.GroupBy(a => new { a.Severity, a.State, a.AcknowledgedBy }).Select(g => new { g.Key.Severity, g.Key.State, g.Key.AcknowledgedBy, Count = g.Count() })
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1000, states.Single(s => s.Severity == AlarmSeverity.Medium && s.State == AlarmState.ActiveAcknowledged && s.AcknowledgedBy == "operator-ann").Count);
        Assert.Equal(1, states.Single(s => s.Severity == AlarmSeverity.Medium && s.State == AlarmState.ActiveUnacknowledged).Count);
        Assert.Equal(1000, states.Single(s => s.Severity == AlarmSeverity.Critical).Count);
        Assert.Equal(AlarmState.ActiveUnacknowledged, states.Single(s => s.Severity == AlarmSeverity.Critical).State);
    }

    [Fact]
    public async Task SelectAll_PageOffersItToAViewer_TheServiceRefusesAndNothingChanges()
    {
        SignIn("mallory", DashboardRoles.Viewer, DashboardPolicies.View, DashboardPolicies.Operate);
        await SeedAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Contains("2000 of 2000 open", cut.Find("[data-testid=active-alarms]").TextContent, StringComparison.Ordinal));
        var severity = cut.FindComponent<MudSelect<AlarmSeverity>>();
        await cut.InvokeAsync(() => severity.Instance.SelectedValuesChanged.InvokeAsync([AlarmSeverity.Critical]));
        cut.WaitForAssertion(() => Assert.Contains("1000 of 2000 open", cut.Find("[data-testid=active-alarms]").TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=active-alarms] thead input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("(1000)", cut.Find("[data-testid=ack-selected]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=ack-selected]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=ack-confirm]"));
        cut.Find("[data-testid=ack-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("may not acknowledge", cut.Find("[data-testid=alarms-message]").TextContent, StringComparison.Ordinal));
        await using var db = NewDb();
        Assert.Equal(0, await db.Alarms.CountAsync(a => a.State != AlarmState.ActiveUnacknowledged, TestContext.Current.CancellationToken));
    }
}
