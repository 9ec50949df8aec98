using System.Net;
using Dashboard.Integration.Tests.Hub;
using Dashboard.Integration.Tests.Web;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Integration.Tests.Security;

/// <summary>Wall display tokens over real HTTP on Kestrel: sign-in, confinement to the wall, revocation, expiry, forgery.</summary>
public sealed class DisplayTokenTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = TestUsers.Signed("admin-ada", DashboardRoles.Admin);
    private InProcessDashboard _dashboard = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DisplayTokens Tokens => _dashboard.Get<DisplayTokens>();

    public async ValueTask InitializeAsync() =>
        _dashboard = await InProcessDashboard.StartWithoutXmppAsync(new Dictionary<string, string?> { ["Dashboard:Security:RevalidationInterval"] = "00:00:01" });

    public async ValueTask DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task SignIn_IssuedToken_GoesToTheWallAsAViewerConfinedToIt()
    {
        var issued = await Tokens.IssueAsync("Lobby", TimeSpan.FromDays(1), Admin, Ct);
        using var display = DashboardSession.Anonymous(_dashboard.BaseAddress);

        using var signIn = await display.Http.GetAsync(new Uri(issued.SignInPath, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(DisplaySignInEndpoint.WallPath, signIn.Headers.Location?.OriginalString);
        Assert.Equal("display:Lobby", await SignedInAsAsync(display));
        using var wall = await display.Http.GetAsync(new Uri(DisplaySignInEndpoint.WallPath, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        foreach (var path in new[] { "/", "/alarms", "/admin/users", "/admin/displays", "/api/devices", "/api/alarms" })
        {
            using var response = await display.Http.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} answered a display with {(int)response.StatusCode}");
        }

        await using var hub = display.LiveHub();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(await _dashboard.AuditAsync(Ct), a => a is { User: "display:Lobby", Action: "display.sign-in", Allowed: true });
    }

    [Fact]
    public async Task Revoke_EndsTheDisplaysSessionAndTheTokenSignsInNoMore()
    {
        var issued = await Tokens.IssueAsync("Plant room", TimeSpan.FromDays(30), Admin, Ct);
        using var display = DashboardSession.Anonymous(_dashboard.BaseAddress);
        (await display.Http.GetAsync(new Uri(issued.SignInPath, UriKind.Relative), Ct)).Dispose();
        Assert.Equal("display:Plant room", await SignedInAsAsync(display));

        await Tokens.RevokeAsync(issued.Id, Admin, Ct);

        Assert.Null(await SignedInAsAsync(display));
        Assert.DoesNotContain(display.Cookies.GetCookies(_dashboard.BaseAddress), c => c.Name == IdentitySetup.CookieName);
        using var again = await display.Http.GetAsync(new Uri(issued.SignInPath, UriKind.Relative), Ct);
        Assert.Equal(DisplaySignInEndpoint.RefusedPath, again.Headers.Location?.OriginalString);
        Assert.Null(await SignedInAsAsync(display));
        var audit = await _dashboard.AuditAsync(Ct);
        Assert.Contains(audit, a => a is { User: "admin-ada", Action: "display-token.revoke", Allowed: true });
        Assert.Contains(audit, a => a is { Action: "display.sign-in", Details: "revoked", Allowed: false });
    }

    [Fact]
    public async Task Expiry_EndsTheSessionAndTheTokenIsRefused()
    {
        var issued = await Tokens.IssueAsync("Short-lived", TimeSpan.FromSeconds(3), Admin, Ct);
        using var display = DashboardSession.Anonymous(_dashboard.BaseAddress);
        (await display.Http.GetAsync(new Uri(issued.SignInPath, UriKind.Relative), Ct)).Dispose();
        Assert.Equal("display:Short-lived", await SignedInAsAsync(display));
        var cookie = display.Cookies.GetCookies(_dashboard.BaseAddress)[IdentitySetup.CookieName]!.Value;

        await Eventually.WaitUntilAsync(async () => DateTimeOffset.UtcNow > issued.ExpiresAt && await SignedInAsAsync(display) is null,
            TimeSpan.FromSeconds(15), "the token to expire and the display's session to end", Ct);

        // A client that keeps sending the expired cookie is refused by the server too.
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, IdentitySetup.SignOutPath) { Headers = { { "Cookie", $"{IdentitySetup.CookieName}={cookie}" } } };
        using var replayed = await replay.SendAsync(request, Ct);
        Assert.DoesNotContain("signed-in-as", await replayed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var again = await display.Http.GetAsync(new Uri(issued.SignInPath, UriKind.Relative), Ct);
        Assert.Equal(DisplaySignInEndpoint.RefusedPath, again.Headers.Location?.OriginalString);
        Assert.Contains(await _dashboard.AuditAsync(Ct), a => a is { Action: "display.sign-in", Details: "expired", Allowed: false });
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("<script>alert(1)</script>")]
    public async Task SignIn_ForgedToken_IsRefusedAuditedAndSignsNothingIn(string token)
    {
        await Tokens.IssueAsync("Real", TimeSpan.FromDays(1), Admin, Ct);
        using var display = DashboardSession.Anonymous(_dashboard.BaseAddress);

        using var response = await display.Http.GetAsync(new Uri($"/display/sign-in?token={Uri.EscapeDataString(token)}", UriKind.Relative), Ct);

        Assert.Equal(DisplaySignInEndpoint.RefusedPath, response.Headers.Location?.OriginalString);
        Assert.Null(await SignedInAsAsync(display));
        using var refusedPage = await display.Http.GetAsync(new Uri(DisplaySignInEndpoint.RefusedPath, UriKind.Relative), Ct);
        Assert.Contains("not valid", await refusedPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(await _dashboard.AuditAsync(Ct), a => a is { Action: "display.sign-in", Details: "unknown token", Allowed: false });
    }

    [Fact]
    public async Task Issue_StoresOnlyTheTokensHash()
    {
        var issued = await Tokens.IssueAsync("Canteen", TimeSpan.FromDays(7), Admin, Ct);

        await using var db = await _dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        var row = await db.DisplayTokens.SingleAsync(t => t.Id == issued.Id, Ct);
        Assert.NotEqual(issued.Token, row.TokenHash);
        Assert.Equal(64, row.TokenHash.Length);
        await db.Database.CloseConnectionAsync();
        Assert.False(FileContains(_dashboard.DatabasePath, issued.Token), "the plain token was found in the database file");
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer)]
    [InlineData(DashboardRoles.Operator)]
    public async Task IssueAndRevoke_ByANonAdmin_AreDeniedAuditedAndChangeNothing(string role)
    {
        var user = TestUsers.Signed($"{role.ToLowerInvariant()}-ned", role);
        var issued = await Tokens.IssueAsync("Hall", TimeSpan.FromDays(1), Admin, Ct);

        await Assert.ThrowsAsync<ActionDeniedException>(() => Tokens.IssueAsync("Sneaky", TimeSpan.FromDays(1), user, Ct));
        await Assert.ThrowsAsync<ActionDeniedException>(() => Tokens.RevokeAsync(issued.Id, user, Ct));
        await Assert.ThrowsAsync<ActionDeniedException>(() => Tokens.ListAsync(user, Ct));

        var tokens = await Tokens.ListAsync(Admin, Ct);
        Assert.Equal(["Hall"], tokens.Select(t => t.Name));
        Assert.True(tokens.Single().IsActive(DateTimeOffset.UtcNow));
        var denied = (await _dashboard.AuditAsync(Ct)).Where(a => a.User == user.Identity!.Name && !a.Allowed).Select(a => a.Action);
        Assert.Equal(["display-token.issue", "display-token.revoke", "display-token.list"], denied);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Lobby\u0007")]
    public async Task Issue_BadName_IsRefusedAndStoresNothing(string name)
    {
        await Assert.ThrowsAsync<DisplayTokenException>(() => Tokens.IssueAsync(name, TimeSpan.FromDays(1), Admin, Ct));
        await Assert.ThrowsAsync<DisplayTokenException>(() => Tokens.IssueAsync(new string('x', 101), TimeSpan.FromDays(1), Admin, Ct));
        await Assert.ThrowsAsync<DisplayTokenException>(() => Tokens.IssueAsync("Lobby", TimeSpan.FromDays(400), Admin, Ct));

        Assert.Empty(await Tokens.ListAsync(Admin, Ct));
    }

    /// <summary>Who the sign-out page says is signed in with the session's cookie; null when nobody.</summary>
    private static async Task<string?> SignedInAsAsync(DashboardSession session)
    {
        var html = await session.Http.GetStringAsync(new Uri(IdentitySetup.SignOutPath, UriKind.Relative));
        var marker = "data-testid=\"signed-in-as\">";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : WebUtility.HtmlDecode(html[(at + marker.Length)..html.IndexOf('<', at + marker.Length)]);
    }

    private static bool FileContains(string path, string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
