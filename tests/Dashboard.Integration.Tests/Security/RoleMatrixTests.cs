using System.Net;
using Dashboard.Integration.Tests.Hub;
using Dashboard.Integration.Tests.Web;
using Dashboard.Testing;
using Dashboard.Web.Security;

namespace Dashboard.Integration.Tests.Security;

/// <summary>
/// Each kind of visitor against each protected page, endpoint and /hubs/live, over real HTTP: who is let
/// in, who is sent to sign in, who is refused — decided on the server, whatever the markup shows.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private const string SignIn = "sign-in";
    private const string Denied = "denied";
    private InProcessDashboard _dashboard = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _dashboard = await InProcessDashboard.StartWithoutXmppAsync();

    public async ValueTask DisposeAsync() => await _dashboard.DisposeAsync();

    public static TheoryData<string, string, string> Matrix => new()
    {
        // visitor, path, outcome: "200", "sign-in" (302 to the sign-in page or 401), "denied" (403 or 302 to access denied)
        { "anonymous", "/", SignIn },
        { "anonymous", "/wall", SignIn },
        { "anonymous", "/api/devices", SignIn },
        { "anonymous", "/logs/audit.csv", SignIn },
        { "anonymous", "/admin/users", SignIn },
        { DashboardRoles.Viewer, "/", "200" },
        { DashboardRoles.Viewer, "/wall", "200" },
        { DashboardRoles.Viewer, "/alarms", "200" },
        { DashboardRoles.Viewer, "/api/devices", "200" },
        { DashboardRoles.Viewer, "/logs/audit.csv", Denied },
        { DashboardRoles.Viewer, "/settings", Denied },
        { DashboardRoles.Viewer, "/admin/users", Denied },
        { DashboardRoles.Viewer, "/admin/displays", Denied },
        { DashboardRoles.Operator, "/", "200" },
        { DashboardRoles.Operator, "/logs/audit.csv", "200" },
        { DashboardRoles.Operator, "/settings", Denied },
        { DashboardRoles.Operator, "/admin/users", Denied },
        { DashboardRoles.Operator, "/admin/displays", Denied },
        { DashboardRoles.Admin, "/", "200" },
        { DashboardRoles.Admin, "/logs/audit.csv", "200" },
        { DashboardRoles.Admin, "/settings", "200" },
        { DashboardRoles.Admin, "/admin/users", "200" },
        { DashboardRoles.Admin, "/admin/displays", "200" },
        { "display", "/wall", "200" },
        { "display", "/", Denied },
        { "display", "/devices", Denied },
        { "display", "/api/alarms", Denied },
        { "display", "/logs/audit.csv", Denied },
        { "display", "/admin/displays", Denied },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Request_ByVisitor_HasTheExpectedOutcome(string visitor, string path, string outcome)
    {
        using var session = await SessionAsync(visitor);

        using var response = await session.Http.GetAsync(new Uri(path, UriKind.Relative), Ct);

        var location = response.Headers.Location?.ToString() ?? "";
        var actual = response.StatusCode switch
        {
            HttpStatusCode.OK => "200",
            HttpStatusCode.Unauthorized => SignIn,
            HttpStatusCode.Redirect when location.Contains(IdentitySetup.SignInPath, StringComparison.Ordinal) => SignIn,
            HttpStatusCode.Forbidden => Denied,
            HttpStatusCode.Redirect when location.Contains(IdentitySetup.AccessDeniedPath, StringComparison.Ordinal) => Denied,
            _ => $"{(int)response.StatusCode} {location}",
        };
        Assert.Equal(outcome, actual);
        if (outcome == Denied && path != "/logs/audit.csv")
        {
            Assert.Contains(await _dashboard.AuditAsync(Ct), a => a.Action == "request.denied" && a.Target == $"GET {path}" && !a.Allowed);
        }
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer, true)]
    [InlineData(DashboardRoles.Operator, true)]
    [InlineData(DashboardRoles.Admin, true)]
    [InlineData("display", false)]
    [InlineData("anonymous", false)]
    public async Task LiveHub_ByVisitor_ConnectsOnlyWhenItMayView(string visitor, bool connects)
    {
        using var session = await SessionAsync(visitor);
        await using var hub = session.LiveHub();

        if (connects)
        {
            await hub.StartAsync(Ct);
            Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, hub.State);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync(Ct));
            Assert.Contains(refused.StatusCode, new HttpStatusCode?[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        }
    }

    [Fact]
    public async Task CsvExport_ByAViewer_IsAuditedAsDenied()
    {
        using var viewer = await _dashboard.SignInAsync(DashboardRoles.Viewer, "viewer-csv", Ct);

        using var response = await viewer.Http.GetAsync(new Uri("/logs/audit.csv", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(await _dashboard.AuditAsync(Ct), a => a is { User: "viewer-csv", Allowed: false });
    }

    private async Task<DashboardSession> SessionAsync(string visitor)
    {
        switch (visitor)
        {
            case "anonymous":
                return DashboardSession.Anonymous(_dashboard.BaseAddress);
            case "display":
                var issued = await _dashboard.Get<DisplayTokens>().IssueAsync("Matrix", TimeSpan.FromHours(1),
                    TestUsers.Signed("admin-ada", DashboardRoles.Admin), Ct);
                var display = DashboardSession.Anonymous(_dashboard.BaseAddress);
                (await display.Http.GetAsync(new Uri(issued.SignInPath, UriKind.Relative), Ct)).Dispose();
                return display;
            default:
                return await _dashboard.SignInAsync(visitor, cancellationToken: Ct);
        }
    }
}
