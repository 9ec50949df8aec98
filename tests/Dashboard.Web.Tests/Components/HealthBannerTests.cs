using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Health;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Settings;
using Dashboard.Xmpp;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// The banner on every page. The database here has no tables, so the store writer's inserts really fail;
/// the XMPP session's state is set by the test and announced through the real broker.
/// </summary>
public sealed class HealthBannerTests : DashboardComponentTest
{
    private HubConnectionState _connection;

    public HealthBannerTests()
    {
        _connection = new HubConnectionState(true, XmppConnectionState.Connected, "dash@xmpp.test/desk", "SCRAM-SHA-1", Time.GetUtcNow(), null);
        Services.AddSingleton(sp => new DashboardHealth(() => _connection, sp.GetRequiredService<StoreWriter>(),
            sp.GetRequiredService<ConnectionSettingsProvider>(), sp.GetRequiredService<LiveUpdates>()));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Render_AllWell_ShowsNothing()
    {
        var cut = Render<HealthBanner>();

        Assert.Empty(cut.FindAll("[data-testid='health-banner']"));
    }

    [Fact]
    public async Task StoreWriterFailing_ShowsTheDatabaseErrorAndBacklogLive()
    {
        var cut = Render<HealthBanner>();
        var writer = Services.GetRequiredService<StoreWriter>();
        await writer.StartAsync(Ct);
        try
        {
            writer.Enqueue(new PresenceEvent { Jid = "00d071a1b2c3@xmpp.test", Availability = "Available", At = Time.GetUtcNow() });

            cut.WaitForAssertion(() =>
            {
                var text = cut.Find("[data-testid='health-database']").TextContent;
                Assert.Contains("The database is not accepting writes", text, StringComparison.Ordinal);
                Assert.Contains("no such table", text, StringComparison.Ordinal);
                Assert.Contains("1 rows are held in memory", text, StringComparison.Ordinal);
            });
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void XmppReconnecting_ShowsTheReasonAndGoesWhenConnectedAgain()
    {
        var cut = Render<HealthBanner>();
        var live = Services.GetRequiredService<LiveUpdates>();

        _connection = _connection with { State = XmppConnectionState.Reconnecting, LastError = "Connection refused (127.0.0.1:5280)" };
        live.Publish(new LiveChange(LiveChangeKind.Connection, null, "Reconnecting"));

        cut.WaitForAssertion(() =>
        {
            var text = cut.Find("[data-testid='health-xmpp']").TextContent;
            Assert.Contains("The XMPP session is down; reconnecting.", text, StringComparison.Ordinal);
            Assert.Contains("Connection refused (127.0.0.1:5280)", text, StringComparison.Ordinal);
        });

        Time.Advance(TimeSpan.FromSeconds(1)); // past the broker's coalescing interval
        _connection = _connection with { State = XmppConnectionState.Connected, LastError = null };
        live.Publish(new LiveChange(LiveChangeKind.Connection, null, "Connected"));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='health-banner']")));
    }

    [Fact]
    public void XmppLoginRefused_ShowsAnErrorPointingToTheSettingsPage()
    {
        _connection = _connection with { State = XmppConnectionState.Failed, LastError = "Authentication with SCRAM-SHA-1 failed: not-authorized" };

        var cut = Render<HealthBanner>();

        var alert = cut.Find("[data-testid='health-xmpp']");
        Assert.Contains("not-authorized", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("Settings page", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-error", alert.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Connecting_FirstAttempt_ShowsNothing()
    {
        _connection = _connection with { State = XmppConnectionState.Authenticating };

        var cut = Render<HealthBanner>();

        Assert.Empty(cut.FindAll("[data-testid='health-banner']"));
    }

    [Fact]
    public void NotConfigured_SaysSo()
    {
        _connection = HubConnectionState.NotConfigured;

        var cut = Render<HealthBanner>();

        Assert.Contains("No XMPP server is configured", cut.Find("[data-testid='health-xmpp']").TextContent, StringComparison.Ordinal);
    }
}
