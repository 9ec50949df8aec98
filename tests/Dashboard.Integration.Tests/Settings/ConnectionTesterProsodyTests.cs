using System.Collections.Concurrent;
using Dashboard.Integration.Tests.Hub;
using Dashboard.Testing;
using Dashboard.Web.Hub;
using Dashboard.Web.Security;
using Dashboard.Web.Settings;
using Dashboard.Xmpp;

namespace Dashboard.Integration.Tests.Settings;

/// <summary>
/// "Test connection" against real Prosody, beside a running dashboard logged in as the same account: each
/// step is reported as it happens, failures say why, and the hub's own session never notices.
/// </summary>
public sealed class ConnectionTesterProsodyTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly System.Security.Claims.ClaimsPrincipal Ada = TestUsers.Signed("admin-ada", DashboardRoles.Admin);
    private readonly ConcurrentQueue<ConnectionTestStep> _reported = new();
    private readonly ConcurrentQueue<XmppConnectionState> _hubStates = new();
    private InProcessDashboard _dashboard = null!;
    private XmppClient _hubClient = null!;
    private string _user = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConnectionSettings InUse => _dashboard.Get<ConnectionSettingsProvider>().Current;

    public async ValueTask InitializeAsync()
    {
        _user = $"dash{Guid.NewGuid():N}"[..14];
        await prosody.CreateAccountAsync(_user, "right-password", Ct);
        _dashboard = await InProcessDashboard.StartAsync(prosody, _user, "right-password");
        var hub = _dashboard.Get<XmppHub>();
        await Eventually.WaitUntilAsync(() => hub.Connection.IsConnected, Deadline, "the hub connected", Ct);
        _hubClient = hub.Client!;
        _hubClient.StateChanged += (_, e) => _hubStates.Enqueue(e.State);
    }

    public async ValueTask DisposeAsync()
    {
        prosody.AttachLogIfFailed();
        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task TestAsync_GoodCredentials_ReportsEachStepAsItHappensAndTheHubSessionStays()
    {
        var result = await TestAsync(ConnectionSettingsChange.From(InUse));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal([ConnectionTestStepKind.Session, ConnectionTestStepKind.Authentication, ConnectionTestStepKind.Binding, ConnectionTestStepKind.Discovery],
            result.Steps.Select(s => s.Kind));
        Assert.All(result.Steps, s => Assert.Equal(ConnectionTestStepStatus.Succeeded, s.Status));
        Assert.Matches(@"^granted wait 20 s, hold 1, requests 2, inactivity \d+ s", result.Steps[0].Detail);
        Assert.Matches("^SASL (SCRAM-SHA-(1|256)|PLAIN)$", result.Steps[1].Detail);
        Assert.StartsWith($"bound as {_user}@{prosody.Domain}/dashboard-test-", result.Steps[2].Detail, StringComparison.Ordinal);
        Assert.Contains("features", result.Steps[3].Detail, StringComparison.Ordinal);
        // Each step was reported running first, then done, in order.
        Assert.Equal(result.Steps.SelectMany(s => new[] { (s.Kind, ConnectionTestStepStatus.Running), (s.Kind, ConnectionTestStepStatus.Succeeded) }),
            _reported.Select(s => (s.Kind, s.Status)));
        await AssertHubUndisturbedAsync();
    }

    [Fact]
    public async Task TestAsync_WrongPassword_SessionSucceedsAndSignInFailsNotAuthorized()
    {
        var result = await TestAsync(ConnectionSettingsChange.From(InUse) with { NewPassword = "wrong-password" });

        Assert.False(result.Succeeded);
        Assert.Equal(ConnectionTestStepStatus.Succeeded, result.Steps[0].Status);
        var failed = result.Steps[^1];
        Assert.Equal((ConnectionTestStepKind.Authentication, ConnectionTestStepStatus.Failed), (failed.Kind, failed.Status));
        Assert.StartsWith("Not authorized", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(result.FailureReason, failed.Detail);
        await AssertHubUndisturbedAsync();
    }

    [Fact]
    public async Task TestAsync_NothingListening_SessionFailsConnectionRefused()
    {
        var port = FreePort.Next();

        var result = await TestAsync(ConnectionSettingsChange.From(InUse) with { BoshUrl = $"http://127.0.0.1:{port}/http-bind" });

        Assert.False(result.Succeeded);
        var failed = Assert.Single(result.Steps);
        Assert.Equal((ConnectionTestStepKind.Session, ConnectionTestStepStatus.Failed), (failed.Kind, failed.Status));
        Assert.StartsWith($"Connection refused by 127.0.0.1:{port}", result.FailureReason, StringComparison.Ordinal);
        await AssertHubUndisturbedAsync();
    }

    [Fact]
    public async Task TestAsync_WrongPath_SessionFailsWithHttp404()
    {
        var result = await TestAsync(ConnectionSettingsChange.From(InUse) with { BoshUrl = new Uri(prosody.BoshUri, "/no-bosh-here").ToString() });

        Assert.False(result.Succeeded);
        Assert.Equal(ConnectionTestStepKind.Session, Assert.Single(result.Steps).Kind);
        Assert.StartsWith("HTTP 404", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAsync_Operator_Denied()
    {
        await Assert.ThrowsAsync<ActionDeniedException>(() => _dashboard.Get<ConnectionTester>()
            .TestAsync(ConnectionSettingsChange.From(InUse), TestUsers.Signed("operator-ann", DashboardRoles.Operator), null, Ct));
    }

    private Task<ConnectionTestResult> TestAsync(ConnectionSettingsChange change) =>
        _dashboard.Get<ConnectionTester>().TestAsync(change, Ada, _reported.Enqueue, Ct);

    private async Task AssertHubUndisturbedAsync()
    {
        var hub = _dashboard.Get<XmppHub>();
        // The hub still answers on its session: a ping round trip over it proves it is alive, not just marked so.
        await hub.Client!.PingAsync(cancellationToken: Ct);
        Assert.Same(_hubClient, hub.Client);
        Assert.True(hub.Connection.IsConnected);
        Assert.Empty(_hubStates);
    }
}
