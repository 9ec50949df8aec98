using System.Globalization;
using Dashboard.Web.Components.Pages.Overview;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Xmpp;

namespace Dashboard.Web.Tests.Components;

public sealed class OverviewGroupingTests : DashboardComponentTest
{
    private static Jid DeviceJid(int n) => Jid.Parse($"00d071{n:x6}@xmpp.test");

    /// <summary>Adds <paramref name="count"/> devices at <paramref name="site"/>/<paramref name="area"/>, the first <paramref name="online"/> online with a fresh value.</summary>
    private void AddDevices(int first, int count, string? site, string? area, int online = 0)
    {
        for (var n = first; n < first + count; n++)
        {
            var jid = DeviceJid(n);
            Registry.AddOrUpdate(jid, $"Device {n.ToString("000", CultureInfo.InvariantCulture)}", site, area);
            if (n < first + online)
            {
                Registry.Update(jid, d => d with
                {
                    Availability = PresenceAvailability.Available,
                    LastPolledAt = Time.GetUtcNow(),
                    Points = d.Points.SetItem("p", new PointState("p", "1", null, null, "AL_NUL", 255, Time.GetUtcNow(), Time.GetUtcNow(), SampleOrigin.Poll)),
                }, LiveChangeKind.Points);
            }
        }
    }

    [Fact]
    public void Render_SixtyDevicesOrFewer_OneTilePerDevice()
    {
        AddDevices(0, DeviceGroup.GroupAbove, "Plant", null);

        var cut = Render<Overview>();

        Assert.Equal(DeviceGroup.GroupAbove, cut.FindAll("[data-testid=device-tile]").Count);
        Assert.Empty(cut.FindAll("[data-testid=group-tile]"));
    }

    [Fact]
    public void Render_MoreThanSixtyDevices_OneTilePerSiteAndAreaWithCounts()
    {
        AddDevices(0, 40, "North campus", "Boilers", online: 30);
        AddDevices(40, 20, "North campus", "Lobby", online: 20);
        AddDevices(60, 5, null, null);

        var cut = Render<Overview>();

        Assert.Empty(cut.FindAll("[data-testid=device-tile]"));
        var groups = cut.FindAll("[data-testid=group-tile]");
        Assert.Equal(["North campus · Boilers", "North campus · Lobby", "No site"], groups.Select(g => g.GetAttribute("data-group")));
        Assert.Equal("30 online", groups[0].QuerySelector("[data-testid=group-online]")!.TextContent);
        Assert.Equal("10 offline", groups[0].QuerySelector("[data-testid=group-offline]")!.TextContent);
        Assert.Contains("group-tile--abnormal", groups[0].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("group-tile--abnormal", groups[1].ClassName, StringComparison.Ordinal);
        Assert.Equal("5 offline", groups[2].QuerySelector("[data-testid=group-offline]")!.TextContent);
    }

    [Fact]
    public void ChooseGroup_ShowsItsDevices_ChooseAgainHidesThem()
    {
        AddDevices(0, 50, "North", null);
        AddDevices(50, 11, "South", null);
        var cut = Render<Overview>();

        cut.Find("[data-testid=group-tile][data-group=South]").Click();

        Assert.Equal(11, cut.FindAll("[data-testid=device-tile]").Count);
        Assert.Equal("true", cut.Find("[data-testid=group-tile][data-group=South]").GetAttribute("aria-pressed"));
        cut.Find("[data-testid=group-tile][data-group=South]").Click();
        Assert.Empty(cut.FindAll("[data-testid=device-tile]"));
    }

    [Fact]
    public void PushedUpdate_DeviceRaisesAnAlarm_GroupCountsItWithoutReload()
    {
        AddDevices(0, 61, "North", null, online: 61);
        var cut = Render<Overview>();
        Assert.Equal("0 in alarm", cut.Find("[data-testid=group-in-alarm]").TextContent);

        Registry.Update(DeviceJid(7), d => d with
        {
            Points = d.Points.SetItem("p", new PointState("p", "30", null, null, "AL_HIGH_LMT_ALM_1", 255, Time.GetUtcNow(), Time.GetUtcNow(), SampleOrigin.Poll)),
        }, LiveChangeKind.Points);

        cut.WaitForAssertion(() => Assert.Equal("1 in alarm", cut.Find("[data-testid=group-in-alarm]").TextContent));
    }

    [Fact]
    public void Render_GroupNameWithMarkup_IsShownAsText()
    {
        AddDevices(0, 61, "<script>alert(1)</script>", null);

        var cut = Render<Overview>();

        Assert.Empty(cut.FindAll("[data-testid=groups] script"));
        Assert.Contains("<script>alert(1)</script>", cut.Find("[data-testid=group-tile]").TextContent, StringComparison.Ordinal);
    }
}
