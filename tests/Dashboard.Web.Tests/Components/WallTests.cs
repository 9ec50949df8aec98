using System.Globalization;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Components.Pages.Wall;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Xmpp;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

public sealed class WallTests : StoredComponentTest
{
    private static readonly Jid Boiler = Jid.Parse("00d071a1b2c3@xmpp.test");

    private AlarmScenario Scenario => new(Services, Time);

    private void AddOnline(Jid jid, string name, string value = "21.5", string status = "AL_NUL")
    {
        Registry.AddOrUpdate(jid, name);
        Registry.Update(jid, d => d with
        {
            Availability = PresenceAvailability.Available,
            LastPolledAt = Time.GetUtcNow(),
            Points = d.Points.SetItem(AlarmScenario.Temperature, new PointState(AlarmScenario.Temperature, value, "°C", null, status, 255,
                Time.GetUtcNow(), Time.GetUtcNow(), SampleOrigin.Poll)),
        }, LiveChangeKind.Points);
    }

    [Fact]
    public void Render_NothingYet_SaysSoWithoutAlarms()
    {
        var cut = Render<Wall>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=alarm-banner-none]"));
        Assert.Equal("No SmartServers are connected yet.", cut.Find("[data-testid=wall-no-devices]").TextContent);
        Assert.Equal("overview", cut.Find("[data-testid=wall-view]").GetAttribute("data-view"));
        Assert.Empty(cut.FindAll("[data-testid=alarm-banner-link]"));
    }

    [Fact]
    public void Render_OnlineDevice_LargeTileWithItsValue()
    {
        AddOnline(Boiler, "Boiler room");

        var cut = Render<Wall>();

        var tile = cut.Find("[data-testid=wall-tile]");
        Assert.Equal("Good", tile.GetAttribute("data-quality"));
        Assert.Contains("21.5", tile.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("wall-tile--dimmed", tile.ClassName, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=wall-age]"));
    }

    [Fact]
    public void PointInAlarm_ShownFirstOnTheTile()
    {
        AddOnline(Boiler, "Boiler room", value: "27.5", status: "AL_HIGH_LMT_ALM_1");
        Registry.Update(Boiler, d => d with
        {
            Points = d.Points.SetItem("Net/LON/iLON App/VirtFb/a_humidity", new PointState("Net/LON/iLON App/VirtFb/a_humidity", "40", "%", null, "AL_NUL", 255,
                Time.GetUtcNow(), Time.GetUtcNow(), SampleOrigin.Poll)),
        }, LiveChangeKind.Points);

        var cut = Render<Wall>();

        var first = cut.FindAll("[data-testid=wall-point]")[0];
        Assert.Contains("temp_thermostat", first.TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector(".wall-tile__value--alarm"));
        Assert.Contains("wall-tile--alarm", cut.Find("[data-testid=wall-tile]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void StaleValue_AsTimePasses_DimmedWithItsAge()
    {
        AddOnline(Boiler, "Boiler room");
        var cut = Render<Wall>();

        Time.Advance(TimeSpan.FromMinutes(12));

        cut.WaitForAssertion(() =>
        {
            var tile = cut.Find("[data-testid=wall-tile]");
            Assert.Equal("Stale", tile.GetAttribute("data-quality"));
            Assert.Contains("wall-tile--dimmed", tile.ClassName, StringComparison.Ordinal);
            Assert.Equal("last value 12 min ago", cut.Find("[data-testid=wall-age]").TextContent);
        });
    }

    [Fact]
    public void PushedUpdate_NewValue_TileShowsItWithoutReload()
    {
        AddOnline(Boiler, "Boiler room");
        var cut = Render<Wall>();

        AddOnline(Boiler, "Boiler room", value: "23.25");
        Time.Advance(TimeSpan.FromMilliseconds(100)); // the broker delivers a burst of changes one interval later, on the app's clock

        cut.WaitForAssertion(() => Assert.Contains("23.25", cut.Find("[data-testid=wall-tile]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnacknowledgedAlarm_BannerFlashes_UntilAcknowledged()
    {
        var boiler = Scenario.Device(Boiler.ToString(), "Boiler room");
        await Scenario.RaiseAsync(boiler, AlarmScenario.Temperature, "AL_HIGH_LMT_ALM_1");
        var cut = Render<Wall>();
        cut.WaitForAssertion(() => cut.Find(".alarm-banner--flash"));

        var alarm = Assert.Single(await Services.GetRequiredService<Dashboard.Web.Alarms.OpenAlarms>().ReloadAsync(TestContext.Current.CancellationToken));
        await Services.GetRequiredService<AlarmTracker>().AcknowledgeManyAsync([alarm.Id],
            Dashboard.Testing.TestUsers.Signed("ann", Dashboard.Web.Security.DashboardRoles.Operator), null, TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll(".alarm-banner--flash"));
            Assert.Equal("1", cut.Find("[data-testid=alarm-banner]").GetAttribute("data-total"));
        });
    }

    [Fact]
    public void Rotate_Sixty_CyclesOverviewThenAlarmsThenOverview()
    {
        AddOnline(Boiler, "Boiler room");
        Services.GetRequiredService<NavigationManager>().NavigateTo("wall?rotate=60");
        var cut = Render<Wall>();
        Assert.Equal("overview", cut.Find("[data-testid=wall-view]").GetAttribute("data-view"));

        Time.Advance(TimeSpan.FromSeconds(60));
        cut.WaitForAssertion(() => Assert.Equal("alarms", cut.Find("[data-testid=wall-view]").GetAttribute("data-view")));
        Assert.Equal("No open alarms", cut.Find("[data-testid=wall-no-alarms]").TextContent);

        Time.Advance(TimeSpan.FromSeconds(60));
        cut.WaitForAssertion(() => Assert.Equal("overview", cut.Find("[data-testid=wall-view]").GetAttribute("data-view")));
    }

    [Fact]
    public async Task NewCriticalAlarm_WhileShowingTheOverview_JumpsToTheAlarms()
    {
        AddOnline(Boiler, "Boiler room");
        Services.GetRequiredService<NavigationManager>().NavigateTo("wall?rotate=60");
        var cut = Render<Wall>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=alarm-banner-none]"));

        await Scenario.RaiseAsync(Scenario.Device(Boiler.ToString(), "Boiler room"), AlarmScenario.Temperature, "AL_HIGH_LMT_ALM_2");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("alarms", cut.Find("[data-testid=wall-view]").GetAttribute("data-view"));
            Assert.Contains("Boiler room", cut.Find("[data-testid=wall-alarm]").TextContent, StringComparison.Ordinal);
            Assert.Equal("1 Critical", cut.Find("[data-testid=alarm-count][data-severity=Critical]").TextContent.Trim());
        });
        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("alarms", cut.Find("[data-testid=wall-view]").GetAttribute("data-view"));
    }

    [Fact]
    public async Task NewHighAlarm_FlashesTheBanner_ButStaysOnTheOverview()
    {
        AddOnline(Boiler, "Boiler room");
        var cut = Render<Wall>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=alarm-banner-none]"));

        await Scenario.RaiseAsync(Scenario.Device(Boiler.ToString(), "Boiler room"), AlarmScenario.Temperature, "AL_ALM_CONDITION");

        cut.WaitForAssertion(() =>
        {
            cut.Find(".alarm-banner--flash");
            Assert.Equal("1 High", cut.Find("[data-testid=alarm-count][data-severity=High]").TextContent.Trim());
        });
        Assert.Equal("overview", cut.Find("[data-testid=wall-view]").GetAttribute("data-view"));
    }

    [Fact]
    public async Task CriticalAlarmAlreadyOpenWhenTheWallStarts_DoesNotTakeItOver()
    {
        AddOnline(Boiler, "Boiler room");
        await Scenario.RaiseAsync(Scenario.Device(Boiler.ToString(), "Boiler room"), AlarmScenario.Temperature, "AL_HIGH_LMT_ALM_2");
        var cut = Render<Wall>();
        cut.WaitForAssertion(() => cut.Find(".alarm-banner--flash"));

        // Another alarm changes the open list; the critical one is not new, so the wall stays where it is.
        await Scenario.RaiseAsync(Scenario.Device(Boiler.ToString(), "Boiler room"), AlarmScenario.Humidity, "AL_LOW_LMT_ALM_1");

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=alarm-banner]").GetAttribute("data-total")));
        Assert.Equal("overview", cut.Find("[data-testid=wall-view]").GetAttribute("data-view"));
    }

    [Fact]
    public async Task NewMediumAlarm_DoesNotTakeOverTheWall()
    {
        AddOnline(Boiler, "Boiler room");
        var cut = Render<Wall>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=alarm-banner-none]"));

        await Scenario.RaiseAsync(Scenario.Device(Boiler.ToString(), "Boiler room"), AlarmScenario.Temperature, "AL_HIGH_LMT_ALM_1");

        cut.WaitForAssertion(() => cut.Find(".alarm-banner--flash"));
        Assert.Equal("overview", cut.Find("[data-testid=wall-view]").GetAttribute("data-view"));
    }

    [Fact]
    public void ManyDevices_GroupedPerSite()
    {
        for (var n = 0; n < 61; n++)
        {
            Registry.AddOrUpdate(Jid.Parse($"00d071{n.ToString("x6", CultureInfo.InvariantCulture)}@xmpp.test"), $"Device {n}", n < 30 ? "North" : "South");
        }

        var cut = Render<Wall>();

        Assert.Empty(cut.FindAll("[data-testid=wall-tile]"));
        Assert.Equal(["North", "South"], cut.FindAll("[data-testid=group-tile]").Select(g => g.GetAttribute("data-group")));
    }

    [Fact]
    public void Render_DeviceNameWithMarkup_IsShownAsText()
    {
        AddOnline(Boiler, "<img src=x onerror=alert(1)>");

        var cut = Render<Wall>();

        Assert.Empty(cut.FindAll("[data-testid=wall-tile] img"));
        Assert.Contains("<img src=x onerror=alert(1)>", cut.Find("[data-testid=wall-tile]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void WallLayout_HasNoAppBarOrNavigation()
    {
        var cut = Render<WallLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "wall body"))));

        Assert.Empty(cut.FindAll("header.mud-appbar, nav, .mud-drawer"));
        Assert.Equal("wall body", cut.Find("[data-testid=wall-layout]").TextContent.Trim());
    }

    [Fact]
    public void ReconnectBanner_IsTheElementBlazorDrivesInsteadOfItsDialog()
    {
        var cut = Render<ReconnectBanner>();

        var banner = cut.Find("#components-reconnect-modal");
        Assert.Equal("status", banner.GetAttribute("role"));
        Assert.NotEqual("dialog", banner.TagName, StringComparer.OrdinalIgnoreCase);
        Assert.EndsWith("js/reconnect.js", cut.Find("script").GetAttribute("src"), StringComparison.Ordinal);
    }
}
