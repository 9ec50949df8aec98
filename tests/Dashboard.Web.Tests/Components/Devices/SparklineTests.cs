using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Devices;

public sealed class SparklineTests : BunitContext
{
    [Fact]
    public void Render_Values_DrawsOnePolylinePointPerValueScaledToTheBox()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Points, [10.0, 20.0, 15.0]).Add(s => s.Width, 102).Add(s => s.Height, 22));

        Assert.Equal("1,21 51,1 101,11", cut.Find("polyline").GetAttribute("points"));
    }

    [Fact]
    public void Render_FewerThanTwoValues_ShowsADash()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Points, [3.0]));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Equal("—", cut.Find("[data-testid=sparkline]").TextContent);
    }

    [Fact]
    public void Render_FlatLine_StaysInsideTheBox()
    {
        var cut = Render<Sparkline>(p => p.Add(s => s.Points, [5.0, 5.0]).Add(s => s.Width, 12).Add(s => s.Height, 12));

        Assert.Equal("1,11 11,11", cut.Find("polyline").GetAttribute("points"));
    }
}
