using Dashboard.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Components;

public sealed class MainLayoutTests : DashboardComponentTest
{
    [Fact]
    public void Render_Default_ShowsAppBarNavigationAndBody()
    {
        var cut = RenderLayout();

        Assert.Contains("SmartServer Dashboard", cut.Find("header").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("nav[aria-label='Main navigation'], [aria-label='Main navigation']"));
        Assert.Equal("page body", cut.Find("#body-marker").TextContent);
    }

    [Fact]
    public void ThemeToggle_Clicked_SwitchesBetweenDarkAndLight()
    {
        var cut = RenderLayout();
        cut.Find("button[aria-label='Switch to light theme']").Click();

        Assert.NotNull(cut.Find("button[aria-label='Switch to dark theme']"));
        Assert.Empty(cut.FindAll("button[aria-label='Switch to light theme']"));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(
            l => l.Body,
            (RenderFragment)(b =>
            {
                b.OpenElement(0, "span");
                b.AddAttribute(1, "id", "body-marker");
                b.AddContent(2, "page body");
                b.CloseElement();
            })));
}
