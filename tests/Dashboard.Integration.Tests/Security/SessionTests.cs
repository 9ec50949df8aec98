using System.Net;
using Dashboard.Integration.Tests.Hub;
using Dashboard.Integration.Tests.Web;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Integration.Tests.Security;

/// <summary>Sign-in, lockout and the end of sessions over real HTTP on Kestrel, with the accounts in SQLite.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = TestUsers.Signed("admin-ada", DashboardRoles.Admin);
    private InProcessDashboard _dashboard = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private UserAccounts Accounts => _dashboard.Get<UserAccounts>();

    public async ValueTask InitializeAsync() =>
        _dashboard = await InProcessDashboard.StartWithoutXmppAsync(new Dictionary<string, string?> { ["Dashboard:Security:RevalidationInterval"] = "00:00:01" });

    public async ValueTask DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        var password = await _dashboard.CreateUserAsync("viewer-lou", DashboardRoles.Viewer, Ct);
        using var visitor = DashboardSession.Anonymous(_dashboard.BaseAddress);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await visitor.SubmitSignInAsync("viewer-lou", $"wrong-password-{i}", Ct);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var refused = await Assert.ThrowsAsync<SignInRefusedException>(() => DashboardSession.SignInAsync(_dashboard.BaseAddress, "viewer-lou", password, Ct));
        Assert.Contains("locked", refused.PageMessage, StringComparison.Ordinal);
        var user = (await Accounts.ListAsync(Admin, Ct)).Single(u => u.UserName == "viewer-lou");
        Assert.True(user.LockedOut);
        var attempts = (await _dashboard.AuditAsync(Ct)).Where(a => a.Action == "account.sign-in" && a.User == "viewer-lou").ToList();
        Assert.Equal(6, attempts.Count);
        Assert.All(attempts, a => Assert.False(a.Allowed));
        Assert.Equal("locked out", attempts[^1].Details);

        await Accounts.SetLockedAsync("viewer-lou", locked: false, Admin, Ct);
        using var session = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "viewer-lou", password, Ct);
    }

    [Theory]
    [InlineData("nobody-here", "whatever-password")]
    [InlineData("<script>alert(1)</script>", "x")]
    [InlineData("", "")]
    public async Task SignIn_UnknownOrEmpty_IsRefusedWithoutACookie(string userName, string password)
    {
        using var visitor = DashboardSession.Anonymous(_dashboard.BaseAddress);

        using var response = await visitor.SubmitSignInAsync(userName, password, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(visitor.Cookies.GetCookies(_dashboard.BaseAddress), c => c.Name == IdentitySetup.CookieName);
    }

    [Fact]
    public async Task LockByAnAdmin_EndsTheUsersOpenSession()
    {
        using var viewer = await _dashboard.SignInAsync(DashboardRoles.Viewer, "viewer-vic", Ct);
        using var before = await viewer.Http.GetAsync(new Uri("/api/devices", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await Accounts.SetLockedAsync("viewer-vic", locked: true, Admin, Ct);

        await Eventually.WaitUntilAsync(async () =>
        {
            using var after = await viewer.Http.GetAsync(new Uri("/api/devices", UriKind.Relative), Ct);
            return after.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(10), "the locked user's session to end", Ct);
        Assert.Contains(await _dashboard.AuditAsync(Ct), a => a is { User: "admin-ada", Action: "user.lock", Allowed: true });
    }

    [Fact]
    public async Task SetRole_EndsTheOldSessionAndTheNewOneCarriesTheNewRole()
    {
        var password = await _dashboard.CreateUserAsync("ops-olga", DashboardRoles.Viewer, Ct);
        using var first = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "ops-olga", password, Ct);

        await Accounts.SetRoleAsync("ops-olga", DashboardRoles.Admin, Admin, Ct);

        await Eventually.WaitUntilAsync(async () =>
        {
            using var after = await first.Http.GetAsync(new Uri("/api/devices", UriKind.Relative), Ct);
            return after.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(10), "the old session to end", Ct);
        using var second = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "ops-olga", password, Ct);
        using var admin = await second.Http.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task SignOut_RefusesACopyOfTheCookieButLeavesTheUsersOtherSessions()
    {
        var password = await _dashboard.CreateUserAsync("viewer-cat", DashboardRoles.Viewer, Ct);
        using var browser = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "viewer-cat", password, Ct);
        using var otherBrowser = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "viewer-cat", password, Ct);
        var copied = browser.Cookies.GetCookies(_dashboard.BaseAddress)[IdentitySetup.CookieName]!.Value;
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(copied, HttpMethod.Get, "/api/devices")).StatusCode);

        using var signOut = await browser.PostFormAsync(IdentitySetup.SignOutPath, "sign-out", [], Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        await AssertRefusedEverywhereAsync(copied);
        using var other = await otherBrowser.Http.GetAsync(new Uri("/api/devices", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        await using var hub = otherBrowser.LiveHub();
        await hub.StartAsync(Ct);
        var sessions = await SessionsOfAsync("viewer-cat");
        Assert.Equal(2, sessions.Count);
        Assert.Single(sessions, s => s is { RevokedReason: "signed out", RevokedAt: not null });
        Assert.Single(sessions, s => s.RevokedAt is null);
    }

    [Fact]
    public async Task Session_SurvivesTheCookiesPeriodicRenewal()
    {
        using var viewer = await _dashboard.SignInAsync(DashboardRoles.Viewer, "viewer-ren", Ct);
        var first = viewer.Cookies.GetCookies(_dashboard.BaseAddress)[IdentitySetup.CookieName]!.Value;

        // Past the re-validation interval the cookie is checked against the user and issued again; it must keep its session.
        await Eventually.WaitUntilAsync(async () =>
        {
            using var response = await viewer.Http.GetAsync(new Uri("/api/devices", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return viewer.Cookies.GetCookies(_dashboard.BaseAddress)[IdentitySetup.CookieName]!.Value != first;
        }, TimeSpan.FromSeconds(15), "the cookie to be renewed", Ct);

        using var after = await viewer.Http.GetAsync(new Uri("/api/devices", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Single(await SessionsOfAsync("viewer-ren"), s => s.RevokedAt is null);
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("password")]
    public async Task LockOrPasswordReset_RefusesEveryCookieOfTheUserAtOnce(string change)
    {
        var password = await _dashboard.CreateUserAsync("viewer-max", DashboardRoles.Viewer, Ct);
        using var first = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "viewer-max", password, Ct);
        using var second = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "viewer-max", password, Ct);
        var cookies = new[] { first, second }.Select(s => s.Cookies.GetCookies(_dashboard.BaseAddress)[IdentitySetup.CookieName]!.Value).ToList();

        if (change == "lock")
        {
            await Accounts.SetLockedAsync("viewer-max", true, Admin, Ct);
        }
        else
        {
            await Accounts.SetPasswordAsync("viewer-max", TestPasswords.New(), Admin, Ct);
        }

        foreach (var cookie in cookies)
        {
            await AssertRefusedEverywhereAsync(cookie);
        }

        var expected = change == "lock" ? "locked" : "password reset";
        Assert.All(await SessionsOfAsync("viewer-max"), s => Assert.Equal(expected, s.RevokedReason));
    }

    [Fact]
    public async Task RevokedDisplayToken_RefusesACopyOfTheDisplaysCookie()
    {
        var issued = await _dashboard.Get<DisplayTokens>().IssueAsync("Reception", TimeSpan.FromDays(1), Admin, Ct);
        using var display = DashboardSession.Anonymous(_dashboard.BaseAddress);
        (await display.Http.GetAsync(new Uri(issued.SignInPath, UriKind.Relative), Ct)).Dispose();
        var copied = display.Cookies.GetCookies(_dashboard.BaseAddress)[IdentitySetup.CookieName]!.Value;
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(copied, HttpMethod.Get, DisplaySignInEndpoint.WallPath)).StatusCode);

        await _dashboard.Get<DisplayTokens>().RevokeAsync(issued.Id, Admin, Ct);

        using var wall = await ReplayAsync(copied, HttpMethod.Get, DisplaySignInEndpoint.WallPath);
        Assert.Equal(HttpStatusCode.Redirect, wall.StatusCode);
        Assert.Equal(IdentitySetup.SignInPath, wall.Headers.Location?.AbsolutePath);
        await using var db = await _dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        var session = await db.UserSessions.AsNoTracking().SingleAsync(s => s.DisplayTokenId == issued.Id, Ct);
        Assert.Equal(("token revoked", (string?)null), (session.RevokedReason, session.UserId));
    }

    [Fact]
    public async Task Session_RecordsTheClientAndNoSecret()
    {
        var password = await _dashboard.CreateUserAsync("viewer-ivy", DashboardRoles.Viewer, Ct);
        using var browser = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "viewer-ivy", password, Ct);
        var cookie = browser.Cookies.GetCookies(_dashboard.BaseAddress)[IdentitySetup.CookieName]!.Value;

        var session = Assert.Single(await SessionsOfAsync("viewer-ivy"));

        Assert.Null(session.RevokedAt);
        Assert.Matches("^[0-9a-f]{32}$", session.Id);
        Assert.Contains("from 127.0.0.1", session.Client, StringComparison.Ordinal);
        Assert.DoesNotContain(password, session.Client ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(session.Id, cookie, StringComparison.Ordinal);
    }

    /// <summary>A page, the JSON API and the SignalR negotiation all refuse <paramref name="cookie"/> as not signed in.</summary>
    private async Task AssertRefusedEverywhereAsync(string cookie)
    {
        using var page = await ReplayAsync(cookie, HttpMethod.Get, "/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(IdentitySetup.SignInPath, page.Headers.Location?.AbsolutePath);
        using var api = await ReplayAsync(cookie, HttpMethod.Get, "/api/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var negotiate = await ReplayAsync(cookie, HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    /// <summary>Sends <paramref name="cookie"/> the way a client holding a copy would: by itself, whatever the server answers.</summary>
    private async Task<HttpResponseMessage> ReplayAsync(string cookie, HttpMethod method, string path)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseAddress };
        using var request = new HttpRequestMessage(method, path) { Headers = { { "Cookie", $"{IdentitySetup.CookieName}={cookie}" } } };
        return await client.SendAsync(request, Ct);
    }

    private async Task<IReadOnlyList<Dashboard.Web.Data.Entities.UserSession>> SessionsOfAsync(string userName)
    {
        await using var db = await _dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
        return await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(Ct);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer)]
    [InlineData(DashboardRoles.Operator)]
    public async Task UserChanges_ByANonAdmin_AreDeniedAuditedAndChangeNothing(string role)
    {
        await _dashboard.CreateUserAsync("target-tom", DashboardRoles.Viewer, Ct);
        var user = TestUsers.Signed($"{role.ToLowerInvariant()}-nick", role);

        await Assert.ThrowsAsync<ActionDeniedException>(() => Accounts.CreateAsync("new-admin", DashboardRoles.Admin, TestPasswords.New(), user, Ct));
        await Assert.ThrowsAsync<ActionDeniedException>(() => Accounts.SetRoleAsync("target-tom", DashboardRoles.Admin, user, Ct));
        await Assert.ThrowsAsync<ActionDeniedException>(() => Accounts.SetLockedAsync("target-tom", true, user, Ct));
        await Assert.ThrowsAsync<ActionDeniedException>(() => Accounts.SetPasswordAsync("target-tom", TestPasswords.New(), user, Ct));
        await Assert.ThrowsAsync<ActionDeniedException>(() => Accounts.ListAsync(user, Ct));

        var users = await Accounts.ListAsync(Admin, Ct);
        Assert.Equal([("target-tom", (string?)DashboardRoles.Viewer, false)], users.Select(u => (u.UserName, u.Role, u.LockedOut)));
        var denied = (await _dashboard.AuditAsync(Ct)).Where(a => a.User == user.Identity!.Name && !a.Allowed).Select(a => a.Action);
        Assert.Equal(["user.create", "user.set-role", "user.lock", "user.set-password", "user.list"], denied);
    }

    [Fact]
    public async Task LastAdmin_CannotBeDemotedOrLocked()
    {
        await _dashboard.CreateUserAsync("only-admin", DashboardRoles.Admin, Ct);

        await Assert.ThrowsAsync<UserAccountException>(() => Accounts.SetRoleAsync("only-admin", DashboardRoles.Operator, Admin, Ct));
        await Assert.ThrowsAsync<UserAccountException>(() => Accounts.SetLockedAsync("only-admin", true, Admin, Ct));

        var admin = (await Accounts.ListAsync(Admin, Ct)).Single();
        Assert.Equal((DashboardRoles.Admin, false), (admin.Role, admin.LockedOut));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public async Task Create_WeakPassword_IsRefusedAndCreatesNobody(string password)
    {
        var refused = await Assert.ThrowsAsync<UserAccountException>(() => Accounts.CreateAsync("weak-will", DashboardRoles.Viewer, password, Admin, Ct));

        Assert.Contains("Passwords", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Accounts.ListAsync(Admin, Ct));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("name with spaces")]
    public async Task Create_NameWithMarkupOrSpaces_IsRefused(string userName)
    {
        await Assert.ThrowsAsync<UserAccountException>(() => Accounts.CreateAsync(userName, DashboardRoles.Viewer, TestPasswords.New(), Admin, Ct));

        Assert.Empty(await Accounts.ListAsync(Admin, Ct));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ForgedCookie_IsTreatedAsNotSignedIn(string value)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseAddress };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Cookie", $"{IdentitySetup.CookieName}={value}" } } };
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/devices") { Headers = { { "Cookie", $"{IdentitySetup.CookieName}={value}" } } };

        using var pageResponse = await client.SendAsync(page, Ct);
        using var apiResponse = await client.SendAsync(api, Ct);

        Assert.Equal(HttpStatusCode.Redirect, pageResponse.StatusCode);
        Assert.Equal(IdentitySetup.SignInPath, pageResponse.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, apiResponse.StatusCode);
    }

    [Fact]
    public async Task TamperedCookie_IsTreatedAsNotSignedIn()
    {
        using var viewer = await _dashboard.SignInAsync(DashboardRoles.Viewer, cancellationToken: Ct);
        var cookie = viewer.Cookies.GetCookies(_dashboard.BaseAddress)[IdentitySetup.CookieName]!.Value;
        var tampered = cookie[..^8] + (cookie[^8] == 'A' ? 'B' : 'A') + cookie[^7..];
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices") { Headers = { { "Cookie", $"{IdentitySetup.CookieName}={tampered}" } } };

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_LandsOnTheOverview()
    {
        var password = await _dashboard.CreateUserAsync("viewer-ret", DashboardRoles.Viewer, Ct);
        using var visitor = DashboardSession.Anonymous(_dashboard.BaseAddress);

        using var response = await visitor.PostFormAsync("/account/sign-in?ReturnUrl=%2F%2Fevil.example%2F", "sign-in",
            [new("Input.UserName", "viewer-ret"), new("Input.Password", password)], Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(_dashboard.BaseAddress.Authority, response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.Authority : _dashboard.BaseAddress.Authority);
        Assert.Equal("/", response.Headers.Location.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString);
    }
}
