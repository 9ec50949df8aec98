using Dashboard.Web.Components.Pages.Overview;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Tests.Components;
using Dashboard.Xmpp;

namespace Dashboard.Web.Tests.Security;

/// <summary>Strings a device supplies (its name, point names, values, units) are rendered as text, never as markup.</summary>
public sealed class DeviceStringsRenderedAsTextTests : DashboardComponentTest
{
    public const string ImagePayload = "<img src=x onerror=\"window.__xss=1\">";
    public const string ScriptPayload = "<script>window.__xss=1</script>";
    private static readonly Jid Device = Jid.Parse("00d071bad000@xmpp.test");

    [Fact]
    public void Overview_DeviceNameAndPointWithMarkup_ShowsThemAsText()
    {
        Registry.AddOrUpdate(Device, ImagePayload);
        Registry.Update(Device, d => d with
        {
            Availability = PresenceAvailability.Available,
            LastPolledAt = Time.GetUtcNow(),
            Points = d.Points.SetItem(ScriptPayload, new PointState(ScriptPayload, ImagePayload, ScriptPayload, null, "AL_NUL", 255,
                Time.GetUtcNow(), Time.GetUtcNow(), SampleOrigin.Poll)),
        }, LiveChangeKind.Points);

        var cut = Render<Overview>();

        var tile = cut.Find("[data-testid=device-tile]");
        Assert.Contains(ImagePayload, tile.TextContent, StringComparison.Ordinal);
        Assert.Contains(ScriptPayload, tile.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("img[src=x], img[onerror]"));
        Assert.Empty(cut.FindAll("script"));
        Assert.DoesNotContain("<img src=x", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", cut.Markup, StringComparison.Ordinal);
    }
}
