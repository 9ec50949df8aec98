using Dashboard.Web.Components.Pages.Devices;
using Dashboard.Web.Hub;

namespace Dashboard.Web.Tests.Components.Devices;

public sealed class DeviceFilterTests
{
    private static readonly DeviceRow Boiler = new("00d071a1b2c3@xmpp.test", "Boiler room", "HQ", "Basement", true, "Available",
        PointQuality.Good, 5, false, null);

    [Theory]
    [InlineData("boiler")]
    [InlineData("A1B2")]
    [InlineData("hq")]
    [InlineData("BASE")]
    [InlineData("  ")]
    public void Matches_SearchInNameJidSiteOrArea_IgnoringCase(string search) =>
        Assert.True(new DeviceFilter(search).Matches(Boiler));

    [Fact]
    public void Matches_EachCriterionMustHold()
    {
        Assert.True(new DeviceFilter(Site: "HQ", Area: "Basement", Online: true, Quality: PointQuality.Good).Matches(Boiler));
        Assert.False(new DeviceFilter(Search: "roof").Matches(Boiler));
        Assert.False(new DeviceFilter(Site: "Annex").Matches(Boiler));
        Assert.False(new DeviceFilter(Area: "basement").Matches(Boiler));
        Assert.False(new DeviceFilter(Online: false).Matches(Boiler));
        Assert.False(new DeviceFilter(Quality: PointQuality.Stale).Matches(Boiler));
    }
}
