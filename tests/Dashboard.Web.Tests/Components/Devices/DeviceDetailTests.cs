using Dashboard.Web.Components.Pages.Devices;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Components.Devices;

public sealed class DeviceDetailTests : DevicePageTest
{
    private const string Boiler = "00d071a1b2c3@xmpp.test";
    private const string Temperature = "Net/LON/iLON App/VirtFb/temp";
    private const string Setpoint = "Net/LON/iLON App/VirtFb/setpoint";
    private const string Light = "Net/LON/iLON App/VirtFb/light";

    private IRenderedComponent<DeviceDetail> RenderDevice(string address = Boiler) => RenderPage<DeviceDetail>(("Address", address));

    private DeviceState AddBoiler(bool online = true, DateTimeOffset? failedAt = null) =>
        AddDevice(Boiler, "Boiler room", "HQ", "Basement", online, [
            Point(Temperature, "21.5", "°C"),
            Point(Setpoint, "21.0", "°C", priority: 255),
            Point(Light, "100.0 1", "value, state", "ON"),
        ], failedAt);

    private async Task StoreSamplesAndPresenceAsync()
    {
        await using var db = await DbAsync();
        var id = await db.Devices.Where(d => d.Jid == Boiler).Select(d => d.Id).SingleAsync(Ct);
        var now = Time.GetUtcNow();
        db.Samples.AddRange(Enumerable.Range(1, 30).Select(i => new Sample
        {
            DeviceId = id, PointName = Temperature, Timestamp = now.AddMinutes(-i * 2), Value = "x", Numeric = 20 + (i % 5),
        }));
        db.PresenceEvents.AddRange(
            new PresenceEvent { Jid = Boiler, Availability = "Unavailable", Status = "<script>alert(1)</script>", At = now.AddHours(-2) },
            new PresenceEvent { Jid = Boiler, Availability = "Available", At = now.AddHours(-1) });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Render_PointAnnotations_ShownWholeUnderThePointNameAsText()
    {
        const string payload = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        var longNote = "Supply air after the heat recovery wheel; " + string.Concat(Enumerable.Repeat("calibrated 2026-11-03, ", 8)).Trim();
        AddBoiler();
        await using (var db = await DbAsync())
        {
            var id = await db.Devices.Where(d => d.Jid == Boiler).Select(d => d.Id).SingleAsync(Ct);
            db.DataPoints.AddRange(
                new DataPointRecord { DeviceId = id, Name = Temperature, Annotation = payload, DiscoveredAt = Time.GetUtcNow() },
                new DataPointRecord { DeviceId = id, Name = Setpoint, Annotation = longNote, DiscoveredAt = Time.GetUtcNow() },
                new DataPointRecord { DeviceId = id, Name = Light, Annotation = null, DiscoveredAt = Time.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        }

        var cut = RenderDevice();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=point-annotation]").Count));
        string AnnotationOf(string point) => cut.Find($"[data-testid=point-row][data-point='{point}'] [data-testid=point-annotation]").TextContent.Trim();
        Assert.Equal(payload, AnnotationOf(Temperature));
        Assert.Equal(longNote, AnnotationOf(Setpoint));
        Assert.Empty(cut.FindAll($"[data-testid=point-row][data-point='{Light}'] [data-testid=point-annotation]"));
        Assert.Empty(Host.FindAll("img"));
        Assert.Empty(Host.FindAll("script"));
        Assert.DoesNotContain("<img src=x", Host.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", Host.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownDevice_SaysNoDeviceIsKnownThere()
    {
        var cut = RenderDevice("nobody@xmpp.test");

        Assert.Contains("No device is known by the address nobody@xmpp.test", cut.Find("[data-testid=unknown-device]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OnlineDevice_ShowsHeaderPointsSparklineHistoryAndPresenceTimeline()
    {
        AddBoiler();
        await StoreSamplesAndPresenceAsync();

        var cut = RenderDevice();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=history-chart]")));
        Assert.Equal("Boiler room", cut.Find("[data-testid=device-name]").TextContent);
        Assert.Equal("Good", cut.Find("[data-testid=device-header] [data-quality]").GetAttribute("data-quality"));
        Assert.Contains("Available", cut.Find("[data-testid=device-presence]").TextContent, StringComparison.Ordinal);
        Assert.Contains("HQ / Basement", cut.Find("[data-testid=device-jid]").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll("[data-testid=point-row]").Count);
        var temperature = PointRow(cut, Temperature);
        Assert.Contains("21.5 °C", temperature.QuerySelector("[data-testid=point-value]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Good", temperature.QuerySelector("[data-quality]")!.GetAttribute("data-quality"));
        Assert.Equal("30", temperature.QuerySelector("[data-testid=sparkline]")!.GetAttribute("data-points"));
        Assert.Null(PointRow(cut, Light).QuerySelector("[data-testid=sparkline]"));
        Assert.Equal("30", cut.Find("[data-testid=history-chart]").GetAttribute("data-buckets"));
        Assert.Equal(["Available", "Unavailable"], cut.FindAll("[data-testid=presence-change]").Select(e => e.GetAttribute("data-availability")));
    }

    [Fact]
    public void Render_OfflineDevice_PointsAndHeaderOfflineAndNothingToChart()
    {
        AddBoiler(online: false);

        var cut = RenderDevice();

        Assert.Equal("Offline", cut.Find("[data-testid=device-header] [data-quality]").GetAttribute("data-quality"));
        Assert.All(cut.FindAll("[data-testid=point-row] [data-quality]"), b => Assert.Equal("Offline", b.GetAttribute("data-quality")));
        cut.WaitForAssertion(() => Assert.Contains("No stored values", cut.Find("[data-testid=history-empty]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=no-presence]"));
    }

    [Fact]
    public void Render_FaultedDevice_ShowsFaultAndTheError()
    {
        AddBoiler(failedAt: Time.GetUtcNow().AddSeconds(1));

        var cut = RenderDevice();

        Assert.Equal("Fault", cut.Find("[data-testid=device-header] [data-quality]").GetAttribute("data-quality"));
        Assert.Contains("SOAP fault", cut.Find("[data-testid=device-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PointNotRefreshed_IsStale()
    {
        AddBoiler();
        Time.Advance(DashboardOptions.Polling.Interval * DashboardOptions.Polling.StaleAfterIntervals + TimeSpan.FromSeconds(1));

        var cut = RenderDevice();

        Assert.Equal("Stale", PointRow(cut, Temperature).QuerySelector("[data-quality]")!.GetAttribute("data-quality"));
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer, false)]
    [InlineData(DashboardRoles.Operator, true)]
    public void Render_WriteButtons_OnlyForOperators(string role, bool shown)
    {
        SignIn("someone", role);
        AddBoiler();

        var cut = RenderDevice();

        Assert.Equal(shown ? 3 : 0, cut.FindAll("[data-testid=write-point]").Count);
    }

    [Fact]
    public void WriteDialog_InvalidValues_ShowWhyAndKeepWriteDisabled()
    {
        SignIn("operator-olly", DashboardRoles.Operator);
        AddBoiler();
        var cut = RenderDevice();

        Click(PointRow(cut, Setpoint), "[data-testid=write-point]");
        Host.WaitForElement("[data-testid=write-value] input").Input("warm");
        Host.WaitForAssertion(() =>
        {
            Assert.Contains("Enter a number", Host.Find("[data-testid=write-value]").TextContent, StringComparison.Ordinal);
            Assert.True(Host.Find("[data-testid=write-confirm]").HasAttribute("disabled"));
        });

        Host.Find("[data-testid=write-value] input").Input("22.5");
        Host.Find("[data-testid=write-priority] input").Input("300");
        Host.WaitForAssertion(() =>
        {
            Assert.Contains("Priority is 0 (highest) to 255 (lowest)", Host.Find("[data-testid=write-priority]").TextContent, StringComparison.Ordinal);
            Assert.True(Host.Find("[data-testid=write-confirm]").HasAttribute("disabled"));
        });
        Assert.Empty(Writer.Writes);
    }

    [Fact]
    public void WriteDialog_SwitchWithoutState_AsksForValueState()
    {
        SignIn("operator-olly", DashboardRoles.Operator);
        AddBoiler();
        var cut = RenderDevice();

        Click(PointRow(cut, Light), "[data-testid=write-point]");
        Host.WaitForElement("[data-testid=write-value] input").Input("ON");

        Host.WaitForAssertion(() => Assert.Contains("value state", Host.Find("[data-testid=write-value]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Confirmed_ShowsPendingThenConfirmed()
    {
        SignIn("operator-olly", DashboardRoles.Operator);
        AddBoiler();
        var cut = RenderDevice();

        Click(PointRow(cut, Setpoint), "[data-testid=write-point]");
        Host.WaitForElement("[data-testid=write-value] input").Input("22.5");
        Host.Find("[data-testid=write-priority] input").Input("8");
        Host.WaitForAssertion(() => Assert.False(Host.Find("[data-testid=write-confirm]").HasAttribute("disabled")));
        Host.Find("[data-testid=write-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Pending", WriteState(cut, Setpoint)));
        var (device, write, user) = Assert.Single(Writer.Writes);
        Assert.Equal((Jid.Parse(Boiler), Setpoint, "22.5", 8, "operator-olly"), (device, write.Name, write.Value, write.Priority, user.Identity!.Name));
        Assert.True(PointRow(cut, Setpoint).QuerySelector("[data-testid=write-point]")!.HasAttribute("disabled"));

        Writer.Complete(new WriteOutcome(true, Point(Setpoint, "22.5", "°C", priority: 8), "setpoint is now 22.5 (priority 8)."));

        cut.WaitForAssertion(() => Assert.Equal("Confirmed", WriteState(cut, Setpoint)));
    }

    [Fact]
    public void Write_DeviceDoesNotAnswer_ShowsFailedWithTheReason()
    {
        SignIn("operator-olly", DashboardRoles.Operator);
        AddBoiler();
        var cut = RenderDevice();
        Click(PointRow(cut, Setpoint), "[data-testid=write-point]");
        Host.WaitForElement("[data-testid=write-value] input").Input("19");
        Host.WaitForAssertion(() => Assert.False(Host.Find("[data-testid=write-confirm]").HasAttribute("disabled")));
        Host.Find("[data-testid=write-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Pending", WriteState(cut, Setpoint)));

        Writer.Fail(new XmppDisconnectedException("Boiler room is offline; nothing was written."));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Failed", WriteState(cut, Setpoint));
            Assert.Contains("offline; nothing was written", PointRow(cut, Setpoint).TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void PushedUpdate_NewValue_RowReRendersWithoutReload()
    {
        AddBoiler();
        var cut = RenderDevice();

        Registry.Update(Jid.Parse(Boiler), d => d with { Points = d.Points.SetItem(Temperature, Point(Temperature, "23.25", "°C")) }, LiveChangeKind.Points);

        cut.WaitForAssertion(() => Assert.Contains("23.25 °C", PointRow(cut, Temperature).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_DeviceSuppliedMarkup_IsInertText()
    {
        const string Payload = "<img src=x onerror=alert(1)>";
        AddDevice(Boiler, Payload, online: true, points: [Point(Temperature, Payload, "<b>u</b>", status: "<i>AL</i>")]);
        await StoreSamplesAndPresenceAsync();

        var cut = RenderDevice();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=presence-change]")));
        Assert.Equal(Payload, cut.Find("[data-testid=device-name]").TextContent);
        Assert.Contains(Payload, PointRow(cut, Temperature).TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=points] img, [data-testid=points] b, [data-testid=points] i, [data-testid=presence-timeline] script, [data-testid=device-header] img"));
        Assert.Contains("<script>alert(1)</script>", cut.Find("[data-testid=presence-timeline]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_AdminEditsAndSaves_StoredAndShownAsText()
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        AddBoiler();
        var cut = RenderDevice();

        cut.WaitForElement("[data-testid=edit-notes]").Click();
        cut.Find("[data-testid=notes-editor] textarea").Input("Key at reception <b>not bold</b>");
        cut.Find("[data-testid=save-notes]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Key at reception <b>not bold</b>", cut.Find("[data-testid=notes-text]").TextContent));
        await using var db = await DbAsync();
        Assert.Equal("Key at reception <b>not bold</b>", await db.Devices.Where(d => d.Jid == Boiler).Select(d => d.Notes).SingleAsync(Ct));
    }

    [Fact]
    public void Notes_Operator_CannotEdit()
    {
        SignIn("operator-olly", DashboardRoles.Operator);
        AddBoiler();

        var cut = RenderDevice();

        Assert.Empty(cut.FindAll("[data-testid=edit-notes]"));
        Assert.Equal("No notes.", cut.Find("[data-testid=notes-text]").TextContent);
    }

    private static AngleSharp.Dom.IElement PointRow(IRenderedComponent<DeviceDetail> cut, string point) =>
        cut.Find($"[data-testid=point-row][data-point='{point}']");

    private static string? WriteState(IRenderedComponent<DeviceDetail> cut, string point) =>
        PointRow(cut, point).QuerySelector("[data-testid=write-status]")?.GetAttribute("data-state");

    private void Click(AngleSharp.Dom.IElement row, string selector) =>
        Host.Find($"[data-testid=point-row][data-point='{row.GetAttribute("data-point")}'] {selector}").Click();
}
