using System.Diagnostics;
using System.Text;
using Dashboard.Web.Components.Pages.Devices;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Components.Devices;

public sealed class DeviceListTests : DevicePageTest
{
    private const string Boiler = "00d071a1b2c3@xmpp.test";

    [Fact]
    public void Render_NoDevices_SaysHowDevicesArrive()
    {
        var cut = RenderPage<DeviceList>();

        Assert.Contains("No devices yet", cut.Find("[data-testid=no-devices]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 of 0", cut.Find("[data-testid=device-count]").TextContent);
    }

    [Fact]
    public void Render_DevicesInEachQuality_ShowsEachWithItsBadge()
    {
        var readAt = Time.GetUtcNow();
        AddDevice("00d071000001@xmpp.test", "Good one", online: true, points: [Point("p", "1")]);
        AddDevice("00d071000002@xmpp.test", "Stale one", online: true, points: [Point("p", "1", receivedAt: readAt.AddMinutes(-5))]);
        AddDevice("00d071000003@xmpp.test", "Offline one");
        AddDevice("00d071000004@xmpp.test", "Fault one", online: true, points: [Point("p", "1")], failedAt: readAt.AddSeconds(1));

        var cut = RenderPage<DeviceList>();

        Assert.Equal("Good", QualityOf(cut, "00d071000001@xmpp.test"));
        Assert.Equal("Stale", QualityOf(cut, "00d071000002@xmpp.test"));
        Assert.Equal("Offline", QualityOf(cut, "00d071000003@xmpp.test"));
        Assert.Equal("Fault", QualityOf(cut, "00d071000004@xmpp.test"));
        Assert.Equal("4 of 4", cut.Find("[data-testid=device-count]").TextContent);
    }

    [Fact]
    public async Task Render_TwoThousandDevices_IsFastAndRendersOnlyRowsInView()
    {
        // A first render with one device compiles the grid's code paths, so the measure is of rendering, not of the JIT.
        Registry.AddOrUpdate(Jid.Parse("00d071ffffff@xmpp.test"), "Warm-up");
        RenderPage<DeviceList>();
        await DisposeComponentsAsync();
        for (var i = 0; i < 1999; i++)
        {
            Registry.AddOrUpdate(Jid.Parse($"00d071{i:x6}@xmpp.test"), $"Device {i:0000}", $"Site {i % 7}", $"Area {i % 13}");
        }

        // CPU time rather than wall time: the machine running the tests may be busy with other work.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var cut = RenderPage<DeviceList>();
        var rows = cut.FindAll("[data-testid=device-row]").Count;
        clock.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        TestContext.Current.TestOutputHelper?.WriteLine($"2,000 devices: render {clock.ElapsedMilliseconds} ms wall, {used.TotalMilliseconds:0} ms CPU, {rows} rows in the DOM");
        Assert.Equal("2000 of 2000", cut.Find("[data-testid=device-count]").TextContent);
        Assert.InRange(rows, 1, 200);
        Assert.True(used < TimeSpan.FromSeconds(1.5), $"rendering took {used.TotalMilliseconds:0} ms of CPU");
    }

    [Fact]
    public void Search_TypedText_NarrowsToMatchingNameJidSiteOrArea()
    {
        AddDevice(Boiler, "Boiler room", "HQ", "Basement");
        AddDevice("00d071a1b2c4@xmpp.test", "Roof AHU", "Annex", "Roof");
        var cut = RenderPage<DeviceList>();

        cut.Find("[data-testid=device-search] input").Input("basement");
        Time.Advance(TimeSpan.FromMilliseconds(250)); // the search box's debounce runs on the app's clock

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("1 of 2", cut.Find("[data-testid=device-count]").TextContent);
            Assert.Equal(Boiler, Assert.Single(cut.FindAll("[data-testid=device-row]")).GetAttribute("data-jid"));
        });

        cut.Find("[data-testid=device-search] input").Input("nothing like this");
        Time.Advance(TimeSpan.FromMilliseconds(250));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-matches]")));
    }

    [Fact]
    public void PushedUpdate_DeviceComesOnline_RowTurnsGoodWithoutReload()
    {
        AddDevice(Boiler, "Boiler room");
        var cut = RenderPage<DeviceList>();
        Assert.Equal("Offline", QualityOf(cut, Boiler));

        Registry.Update(Jid.Parse(Boiler), d => d with
        {
            Availability = PresenceAvailability.Available,
            Resource = "smartserver",
            LastPolledAt = Time.GetUtcNow(),
            Points = d.Points.SetItem("p", Point("p", "21.5")),
        }, LiveChangeKind.Points);

        cut.WaitForAssertion(() => Assert.Equal("Good", QualityOf(cut, Boiler)));
    }

    [Fact]
    public void Render_DeviceNameWithMarkup_IsInertText()
    {
        AddDevice(Boiler, "<img src=x onerror=alert(1)><script>alert(2)</script>", site: "<b>HQ</b>");

        var cut = RenderPage<DeviceList>();

        var grid = cut.Find("[data-testid=device-grid]");
        Assert.Empty(grid.QuerySelectorAll("img, script, b"));
        Assert.Contains("<img src=x onerror=alert(1)><script>alert(2)</script>", grid.TextContent, StringComparison.Ordinal);
        Assert.Contains("<b>HQ</b>", grid.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer, false)]
    [InlineData(DashboardRoles.Operator, false)]
    [InlineData(DashboardRoles.Admin, true)]
    public void Render_AddAndImportButtons_OnlyForAnAdmin(string role, bool shown)
    {
        SignIn("someone", role);

        var cut = RenderPage<DeviceList>();

        Assert.Equal(shown, cut.FindAll("[data-testid=add-device]").Count == 1);
        Assert.Equal(shown, cut.FindAll("[data-testid=import-devices]").Count == 1);
    }

    [Fact]
    public async Task AddDialog_InvalidJid_ShowsWhyAndKeepsAddDisabled_ThenValidJidIsAdded()
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<DeviceList>();
        cut.Find("[data-testid=add-device]").Click();

        var jid = Host.WaitForElement("[data-testid=add-jid] input");
        jid.Input("not a jid@");
        Host.WaitForAssertion(() =>
        {
            Assert.Contains("invalid JID", Host.Find("[data-testid=add-jid]").TextContent, StringComparison.Ordinal);
            Assert.True(Host.Find("[data-testid=add-submit]").HasAttribute("disabled"));
        });

        Host.Find("[data-testid=add-jid] input").Input("00D071A1B2C3@xmpp.test");
        Host.Find("[data-testid=add-name] input").Input("Boiler room");
        Host.Find("[data-testid=add-site] input").Change("HQ");
        Host.WaitForAssertion(() => Assert.False(Host.Find("[data-testid=add-submit]").HasAttribute("disabled")));
        Host.Find("[data-testid=add-submit]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(Host.FindAll("[data-testid=add-device-dialog]"));
            Assert.Contains("Added Boiler room (00d071a1b2c3@xmpp.test)", cut.Find("[data-testid=devices-notice]").TextContent, StringComparison.Ordinal);
            Assert.Equal(Boiler, Assert.Single(cut.FindAll("[data-testid=device-row]")).GetAttribute("data-jid"));
        });
        await using var db = await DbAsync();
        var stored = await db.Devices.SingleAsync(Ct);
        Assert.Equal((Boiler, "Boiler room", "HQ"), (stored.Jid, stored.Name, stored.Site));
    }

    [Fact]
    public void AddDialog_KnownJid_IsRefusedInline()
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        AddDevice(Boiler, "Boiler room");
        var cut = RenderPage<DeviceList>();
        cut.Find("[data-testid=add-device]").Click();

        Host.WaitForElement("[data-testid=add-jid] input").Input(Boiler);

        Host.WaitForAssertion(() => Assert.Contains("already in the directory as Boiler room", Host.Find("[data-testid=add-jid]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void ImportDialog_FileWithBadRows_ShowsEveryReasonAndImportsNothing()
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<DeviceList>();
        cut.Find("[data-testid=import-devices]").Click();

        Upload("jid,name,site,area,notes\n00d071a1b2c3@xmpp.test,Boiler\nnot a jid,<img src=x onerror=alert(1)>\n00d071a1b2c5@xmpp.test,\n");

        Host.WaitForAssertion(() =>
        {
            Assert.Contains("Nothing was imported: 2 of 3 rows are invalid", Host.Find("[data-testid=import-summary]").TextContent, StringComparison.Ordinal);
            var rows = Host.FindAll("[data-testid=import-row]").ToDictionary(r => r.GetAttribute("data-line")!);
            Assert.Equal("NotImported", rows["2"].GetAttribute("data-outcome"));
            Assert.Contains("invalid JID", rows["3"].TextContent, StringComparison.Ordinal);
            Assert.Contains("missing name", rows["4"].TextContent, StringComparison.Ordinal);
        });
        Assert.Empty(Host.Find("[data-testid=import-report]").QuerySelectorAll("img"));
        Assert.Equal(0, Registry.Count);
    }

    [Fact]
    public void ImportDialog_GoodFile_AddsDevicesWhichTheGridShowsAfterClosing()
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<DeviceList>();
        cut.Find("[data-testid=import-devices]").Click();

        Upload("jid,name,site,area,notes\n00d071a1b2c3@xmpp.test,Boiler,HQ\n00d071a1b2c4@xmpp.test,Roof,HQ\n");
        Host.WaitForAssertion(() => Assert.Equal("2 added, 0 already known.", Host.Find("[data-testid=import-summary]").TextContent.Trim()));
        Host.Find("[data-testid=import-close]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2 of 2", cut.Find("[data-testid=device-count]").TextContent);
            Assert.Contains("Import: 2 added", cut.Find("[data-testid=devices-notice]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ImportDialog_FileWithoutHeader_SaysWhatTheFirstLineMustBe()
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<DeviceList>();
        cut.Find("[data-testid=import-devices]").Click();

        Upload("00d071a1b2c3@xmpp.test,Boiler\n");

        Host.WaitForAssertion(() => Assert.Contains("The first line must be the header 'jid,name,site,area,notes'",
            Host.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
    }

    private void Upload(string csv)
    {
        var input = Host.WaitForComponent<Microsoft.AspNetCore.Components.Forms.InputFile>();
        input.UploadFiles(InputFileContent.CreateFromBinary(Encoding.UTF8.GetBytes(csv), "devices.csv", contentType: "text/csv"));
    }

    private static string? QualityOf(IRenderedComponent<DeviceList> cut, string jid) =>
        cut.Find($"[data-testid=device-row][data-jid='{jid}']").Closest("tr")!.QuerySelector("[data-quality]")!.GetAttribute("data-quality");
}
