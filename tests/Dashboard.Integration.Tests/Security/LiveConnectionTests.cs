using System.Security.Claims;
using Dashboard.Integration.Tests.Hub;
using Dashboard.Integration.Tests.Web;
using Dashboard.Testing;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Integration.Tests.Security;

/// <summary>
/// An open /hubs/live connection is checked again at each re-validation: once its user is locked or
/// demoted, its session signed out, or its display's token revoked, the server closes it and it gets nothing more.
/// </summary>
public sealed class LiveConnectionTests : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Admin = TestUsers.Signed("admin-ada", DashboardRoles.Admin);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private InProcessDashboard _dashboard = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _dashboard = await InProcessDashboard.StartWithoutXmppAsync(new Dictionary<string, string?> { ["Dashboard:Security:RevalidationInterval"] = "00:00:01" });

    public async ValueTask DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task LockByAnAdmin_ClosesTheUsersOpenConnectionAndItGetsNothingMore()
    {
        await AssertClosedAfterAsync("viewer-lee", () => _dashboard.Get<UserAccounts>().SetLockedAsync("viewer-lee", true, Admin, Ct));
    }

    [Fact]
    public async Task RoleChange_ClosesTheUsersOpenConnection()
    {
        await AssertClosedAfterAsync("viewer-dee", () => _dashboard.Get<UserAccounts>().SetRoleAsync("viewer-dee", DashboardRoles.Operator, Admin, Ct));
    }

    [Fact]
    public async Task SignOutInAnotherTab_ClosesTheConnectionOfThatSession()
    {
        await AssertClosedAfterAsync("viewer-sol", async user =>
        {
            using var signedOut = await user.PostFormAsync(IdentitySetup.SignOutPath, "sign-out", [], Ct);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signedOut.StatusCode);
        });
    }

    [Fact]
    public async Task RevokedDisplayToken_ClosesAConnectionCarryingIt()
    {
        // Displays are refused /hubs/live at connect time, so a connection carrying a display's sign-in is
        // registered directly; what is checked is that the periodic re-check closes it once the token is revoked.
        var tokens = _dashboard.Get<DisplayTokens>();
        var issued = await tokens.IssueAsync("Lobby", TimeSpan.FromDays(1), Admin, Ct);
        var display = await tokens.SignInAsync(issued.Token, Ct) ?? throw new InvalidOperationException("the display's token was refused");
        // What the sign-in cookie does: start a server-side session and carry its id.
        var session = await _dashboard.Get<UserSessions>().StartAsync(null, issued.Id, "wall browser", "127.0.0.1", Ct);
        ((ClaimsIdentity)display.Principal.Identity!).AddClaim(new Claim(DashboardClaims.Session, session));
        var connection = new OpenConnection(display.Principal);
        _dashboard.Get<LiveConnections>().Add(connection);
        await _dashboard.Get<LiveConnectionRevalidator>().RevalidateAsync(Ct);
        Assert.False(connection.Aborted, "a display with a valid token was closed");

        await tokens.RevokeAsync(issued.Id, Admin, Ct);

        await Eventually.WaitUntilAsync(() => connection.Aborted, Deadline, "the revoked display's connection to be closed", Ct);
        Assert.Equal(0, _dashboard.Get<LiveConnections>().Count);
        Assert.Contains(await _dashboard.AuditAsync(Ct), a => a is { User: "display:Lobby", Action: LiveConnectionRevalidator.AuditAction, Allowed: false });
    }

    private Task AssertClosedAfterAsync(string userName, Func<Task> endSession) => AssertClosedAfterAsync(userName, _ => endSession());

    private async Task AssertClosedAfterAsync(string userName, Func<DashboardSession, Task> endSession)
    {
        using var user = await _dashboard.SignInAsync(DashboardRoles.Viewer, userName, Ct);
        using var other = await _dashboard.SignInAsync(DashboardRoles.Viewer, userName + "-other", Ct);
        await using var hub = user.LiveHub();
        await using var control = other.LiveHub();
        var received = new Received();
        var controlReceived = new Received();
        hub.On<ConnectionMessage>(nameof(ILiveClient.ConnectionChanged), received.Add);
        control.On<ConnectionMessage>(nameof(ILiveClient.ConnectionChanged), controlReceived.Add);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await hub.StartAsync(Ct);
        await control.StartAsync(Ct);
        var live = _dashboard.Get<LiveUpdates>();

        // SignalR completes StartAsync before the server has registered the connection for broadcasts, so a
        // message published at once can miss it: publish again on each check until both have one.
        await Eventually.WaitUntilAsync(() =>
        {
            live.Publish(new LiveChange(LiveChangeKind.Connection, null, "before"));
            return received.Contains("before") && controlReceived.Contains("before");
        }, Deadline, "both connections to get a message", Ct);

        await endSession(user);

        await closed.Task.WaitAsync(Deadline, Ct);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        var countAtClose = received.Count;
        live.Publish(new LiveChange(LiveChangeKind.Connection, null, "after"));
        await Eventually.WaitUntilAsync(() => controlReceived.Contains("after"), Deadline, "the other user's connection to get the next message", Ct);
        Assert.Equal(HubConnectionState.Connected, control.State);
        Assert.Equal(countAtClose, received.Count);
        Assert.False(received.Contains("after"));
        Assert.Contains(await _dashboard.AuditAsync(Ct), a => a is { Action: LiveConnectionRevalidator.AuditAction, Allowed: false } && a.User == userName);

        // Nor can it come back with the same cookie: the user's sessions were revoked.
        await using var again = user.LiveHub();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync(Ct));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private sealed class Received
    {
        private readonly List<string> _states = [];

        public int Count
        {
            get
            {
                lock (_states)
                {
                    return _states.Count;
                }
            }
        }

        public void Add(ConnectionMessage message)
        {
            lock (_states)
            {
                _states.Add(message.State);
            }
        }

        public bool Contains(string state)
        {
            lock (_states)
            {
                return _states.Contains(state);
            }
        }
    }

    /// <summary>A hub connection's server-side context, as SignalR hands it to the hub, that records being closed.</summary>
    private sealed class OpenConnection(ClaimsPrincipal user) : HubCallerContext
    {
        private readonly CancellationTokenSource _aborted = new();

        public bool Aborted => _aborted.IsCancellationRequested;

        public override string ConnectionId { get; } = Guid.NewGuid().ToString("N");

        public override string? UserIdentifier => User.Identity?.Name;

        public override ClaimsPrincipal User { get; } = user;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => _aborted.Token;

        public override void Abort() => _aborted.Cancel();
    }
}
