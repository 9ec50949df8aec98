using Dashboard.Testing;
using Dashboard.Web.Configuration;
using Dashboard.Web.Security;
using Dashboard.Web.Settings;
using Dashboard.Web.Tests.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SettingsPage = Dashboard.Web.Components.Pages.Settings.Settings;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Settings page with the real settings services: files in a temp data folder, the real guard and policies.</summary>
public sealed class SettingsPageTests : StoredComponentTest, IClassFixture<ProsodyFixture>
{
    private const string SavedPassword = "s3cret-Value-never-shown";
    private readonly TempDataFolder _data = new();
    private readonly ProsodyFixture _prosody;

    public SettingsPageTests(ProsodyFixture prosody)
    {
        _prosody = prosody;
        Services.RemoveAll<DashboardDataFolder>();
        Services.AddSingleton(_data.Folder);
        Services.AddSingleton<ConnectionSettingsService>();
        // The tester talks to a real Prosody: its BOSH pacing needs the real clock, not the page's frozen one.
        Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ConnectionTester>(sp, TimeProvider.System));
        Authorization.SetAuthorized("admin-ada");
        Authorization.SetRoles(DashboardRoles.Admin);
        Authorization.SetPolicies(DashboardPolicies.View, DashboardPolicies.Operate, DashboardPolicies.Administer);
    }

    private void Configure(string? password) => DashboardOptions.Xmpp = new XmppSettings
    {
        BoshUrl = "http://127.0.0.1:5280/http-bind",
        Jid = "dashboard@xmpp.test",
        Password = password,
    };

    [Fact]
    public void Render_PasswordConfigured_ShowsSetAndNeverTheValue()
    {
        Configure(SavedPassword);

        var cut = Render<SettingsPage>();

        Assert.Equal("Password: set", cut.Find("[data-testid='password-status']").TextContent.Trim());
        Assert.DoesNotContain(SavedPassword, cut.Markup, StringComparison.Ordinal);
        Assert.Equal("", Input(cut, "field-password").GetAttribute("value") ?? "");
        Assert.Equal("password", Input(cut, "field-password").GetAttribute("type"));
        Assert.Equal("http://127.0.0.1:5280/http-bind", Input(cut, "field-boshurl").GetAttribute("value"));
    }

    [Fact]
    public void Render_NoPassword_ShowsNotSet()
    {
        Configure(null);

        var cut = Render<SettingsPage>();

        Assert.Equal("Password: not set", cut.Find("[data-testid='password-status']").TextContent.Trim());
        Assert.Contains("appsettings.json and environment variables", cut.Find("[data-testid='settings-source']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_InvalidValues_ShowsAMessageUnderEachFieldAndWritesNothing()
    {
        Configure(SavedPassword);
        var cut = Render<SettingsPage>();

        Input(cut, "field-boshurl").Change("xmpp.test:5280/http-bind");
        Input(cut, "field-jid").Change("not a jid");
        Input(cut, "field-wait").Change("500");
        Input(cut, "field-poll").Change("0.5");
        cut.Find("[data-testid='save'] ").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("The BOSH URL must be an absolute http:// or https:// address", Field(cut, "field-boshurl"), StringComparison.Ordinal);
            Assert.Contains("user@domain", Field(cut, "field-jid"), StringComparison.Ordinal);
            Assert.Contains("Wait must be between 1 and 120 seconds", Field(cut, "field-wait"), StringComparison.Ordinal);
            Assert.Contains("at least 1 second", Field(cut, "field-poll"), StringComparison.Ordinal);
            Assert.Contains("nothing was saved", cut.Find("[data-testid='save-message']").TextContent, StringComparison.Ordinal);
        });
        Assert.False(File.Exists(_data.Folder.ConnectionSettingsFile));
    }

    [Fact]
    public void Save_NoPasswordAnywhere_SaysThePasswordIsNotSet()
    {
        Configure(null);
        var cut = Render<SettingsPage>();

        cut.Find("[data-testid='save']").Click();

        cut.WaitForAssertion(() => Assert.Contains("The password is not set.", Field(cut, "field-password"), StringComparison.Ordinal));
    }

    [Fact]
    public void Save_NewPassword_SavedProtectedShownAsSetAndClearedFromTheForm()
    {
        Configure(null);
        var cut = Render<SettingsPage>();

        Input(cut, "field-password").Change("a-new-password");
        Input(cut, "field-hold").Change("2");
        cut.Find("[data-testid='save']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved (Password, Hold changed)", cut.Find("[data-testid='save-message']").TextContent, StringComparison.Ordinal));
        Assert.Equal("Password: set", cut.Find("[data-testid='password-status']").TextContent.Trim());
        Assert.Equal("", Input(cut, "field-password").GetAttribute("value") ?? "");
        Assert.DoesNotContain("a-new-password", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("a-new-password", File.ReadAllText(_data.Folder.ConnectionSettingsFile), StringComparison.Ordinal);
        Assert.Equal("a-new-password", Services.GetRequiredService<ConnectionSettingsProvider>().Current.Password);
        Assert.Contains(_data.Folder.ConnectionSettingsFile, cut.Find("[data-testid='settings-source']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_AsOperator_RefusedByTheServiceAndNothingWritten()
    {
        Configure(SavedPassword);
        Authorization.SetRoles(DashboardRoles.Operator); // the page is shown anyway: the service decides
        var cut = Render<SettingsPage>();

        Input(cut, "field-hold").Change("2");
        cut.Find("[data-testid='save']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Only an Admin", cut.Find("[data-testid='save-message']").TextContent, StringComparison.Ordinal));
        Assert.False(File.Exists(_data.Folder.ConnectionSettingsFile));
    }

    [Fact]
    public void TestConnection_NothingListening_ShowsTheFailedStepWithTheReason()
    {
        Configure(SavedPassword);
        var port = FreePort.Next();
        var cut = Render<SettingsPage>();

        Input(cut, "field-boshurl").Change($"http://127.0.0.1:{port}/http-bind");
        cut.Find("[data-testid='test-connection']").Click();

        cut.WaitForAssertion(() =>
        {
            var step = cut.Find("[data-testid='test-step']");
            Assert.Equal(("Session", "Failed"), (step.GetAttribute("data-kind"), step.GetAttribute("data-status")));
            Assert.Contains($"Connection refused by 127.0.0.1:{port}", step.TextContent, StringComparison.Ordinal);
            Assert.Contains($"Connection refused by 127.0.0.1:{port}", cut.Find("[data-testid='test-result']").TextContent, StringComparison.Ordinal);
        });
        Assert.False(File.Exists(_data.Folder.ConnectionSettingsFile));
    }

    [Fact]
    public async Task TestConnection_RealProsody_ShowsEveryStepSucceededWithWhatTheServerGranted()
    {
        var user = $"dash{Guid.NewGuid():N}"[..14];
        await _prosody.CreateAccountAsync(user, "right-password", TestContext.Current.CancellationToken);
        Configure(null);
        var cut = Render<SettingsPage>();

        Input(cut, "field-boshurl").Change(_prosody.BoshUri.ToString());
        Input(cut, "field-jid").Change($"{user}@{_prosody.Domain}");
        Input(cut, "field-password").Change("right-password");
        Input(cut, "field-wait").Change("15");
        cut.Find("[data-testid='test-connection']").Click();

        cut.WaitForAssertion(() => Assert.Contains("The connection works", cut.Find("[data-testid='test-result']").TextContent, StringComparison.Ordinal));
        var steps = cut.FindAll("[data-testid='test-step']");
        Assert.Equal(["Session", "Authentication", "Binding", "Discovery"], steps.Select(s => s.GetAttribute("data-kind")));
        Assert.All(steps, s => Assert.Equal("Succeeded", s.GetAttribute("data-status")));
        Assert.Contains("granted wait 15 s, hold 1, requests 2", steps[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("SASL SCRAM-SHA-", steps[1].TextContent, StringComparison.Ordinal);
        Assert.Contains($"bound as {user}@{_prosody.Domain}/dashboard-test-", steps[2].TextContent, StringComparison.Ordinal);
        Assert.False(File.Exists(_data.Folder.ConnectionSettingsFile)); // tested, not saved
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _data.Dispose();
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<SettingsPage> cut, string testId) =>
        cut.Find($"[data-testid='{testId}'] input, input[data-testid='{testId}']");

    /// <summary>The text of the field's whole control: label, input, helper or error line.</summary>
    private static string Field(IRenderedComponent<SettingsPage> cut, string testId) =>
        Input(cut, testId).Closest(".mud-input-control")!.TextContent;
}
