using Dashboard.Web.Components.Pages.Overview;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Xmpp;

namespace Dashboard.Web.Tests.Components;

public sealed class OverviewTests : DashboardComponentTest
{
    private static readonly Jid Boiler = Jid.Parse("00d071a1b2c3@xmpp.test");

    [Fact]
    public void Render_NoDevices_SaysHonestlyThatNoneAreConnected()
    {
        var cut = Render<Overview>();

        var notice = cut.Find("[data-testid=no-devices]");
        Assert.Contains("No SmartServers are connected yet", notice.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=device-tile]"));
        Assert.Contains("not configured", cut.Find("[data-testid=xmpp-connection]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_KnownOfflineDevice_ShowsATileMarkedOffline()
    {
        Registry.AddOrUpdate(Boiler, "Boiler room");

        var cut = Render<Overview>();

        var tile = cut.Find("[data-testid=device-tile]");
        Assert.Contains("Boiler room", tile.TextContent, StringComparison.Ordinal);
        Assert.Equal("Offline", tile.QuerySelector("[data-quality]")!.GetAttribute("data-quality"));
        Assert.Equal("1", cut.Find("[data-testid=count-offline] h5, [data-testid=count-offline] .mud-typography-h5").TextContent);
    }

    [Fact]
    public void PushedUpdate_DeviceComesOnlineWithAValue_TileReRendersWithoutReload()
    {
        Registry.AddOrUpdate(Boiler, "Boiler room");
        var cut = Render<Overview>();

        Registry.Update(Boiler, d => d with
        {
            Availability = PresenceAvailability.Available,
            LastPolledAt = Time.GetUtcNow(),
            Points = d.Points.SetItem("Net/LON/iLON App/VirtFb/temp_thermostat", new PointState(
                "Net/LON/iLON App/VirtFb/temp_thermostat", "21.5", "°C", null, "AL_NUL", 255, Time.GetUtcNow(), Time.GetUtcNow(), SampleOrigin.Poll)),
        }, LiveChangeKind.Points);

        cut.WaitForAssertion(() =>
        {
            var tile = cut.Find("[data-testid=device-tile]");
            Assert.Equal("Good", tile.QuerySelector("[data-quality]")!.GetAttribute("data-quality"));
            Assert.Contains("21.5", tile.TextContent, StringComparison.Ordinal);
            Assert.Contains("temp_thermostat", tile.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Render_ValueNotRefreshedForThreeIntervals_ShowsStale()
    {
        Registry.AddOrUpdate(Boiler, "Boiler room");
        var readAt = Time.GetUtcNow();
        Registry.Update(Boiler, d => d with
        {
            Availability = PresenceAvailability.Available,
            LastPolledAt = readAt,
            Points = d.Points.SetItem("p", new PointState("p", "1", null, null, "AL_NUL", 255, readAt, readAt, SampleOrigin.Poll)),
        }, LiveChangeKind.Points);
        Time.Advance(DashboardOptions.Polling.Interval * DashboardOptions.Polling.StaleAfterIntervals + TimeSpan.FromSeconds(1));

        var cut = Render<Overview>();

        Assert.Equal("Stale", cut.Find("[data-testid=device-tile] [data-quality]").GetAttribute("data-quality"));
    }

    [Fact]
    public void Render_DeviceNameWithMarkup_IsShownAsText()
    {
        Registry.AddOrUpdate(Boiler, "<img src=x onerror=alert(1)>");

        var cut = Render<Overview>();

        Assert.Empty(cut.FindAll("[data-testid=device-tile] img"));
        Assert.Contains("<img src=x onerror=alert(1)>", cut.Find("[data-testid=device-tile]").TextContent, StringComparison.Ordinal);
    }
}
