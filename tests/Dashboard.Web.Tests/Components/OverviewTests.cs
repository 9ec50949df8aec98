using Dashboard.Web.Components.Pages.Overview;

namespace Dashboard.Web.Tests.Components;

public sealed class OverviewTests : DashboardComponentTest
{
    [Fact]
    public void Render_NoDevices_SaysHonestlyThatNoneAreConnected()
    {
        var cut = Render<Overview>();

        var notice = cut.Find("[data-testid=no-devices]");
        Assert.Contains("No SmartServers are connected yet", notice.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=device-count]"));
    }

    [Fact]
    public void Render_WithDevices_ShowsTheCountInsteadOfTheNotice()
    {
        var cut = Render<Overview>(p => p.Add(o => o.DeviceCount, 3));

        Assert.Equal("3 SmartServers known.", cut.Find("[data-testid=device-count]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=no-devices]"));
    }
}
