using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using DisplaysPage = Dashboard.Web.Components.Pages.Admin.Displays;

namespace Dashboard.Web.Tests.Components.Admin;

/// <summary>The Wall displays page (/admin/displays) over the real display token service.</summary>
public sealed class DisplaysPageTests : AdminPageTest
{
    [Fact]
    public void Render_NoTokens_SaysSo()
    {
        SignIn("admin-ada", DashboardRoles.Admin);

        var cut = RenderPage<DisplaysPage>();

        cut.WaitForAssertion(() => Assert.Equal("No display tokens yet.", cut.Find("[data-testid=no-display-tokens]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=token-row]"));
        Assert.Empty(cut.FindAll("[data-testid=issued-token]"));
    }

    [Fact]
    public async Task Render_Tokens_ListsEachWithItsStatus()
    {
        await Tokens.IssueAsync("Lobby", TimeSpan.FromDays(7), Admin, Ct);
        var revoked = await Tokens.IssueAsync("Canteen", TimeSpan.FromDays(7), Admin, Ct);
        await Tokens.RevokeAsync(revoked.Id, Admin, Ct);
        SignIn("admin-ada", DashboardRoles.Admin);

        var cut = RenderPage<DisplaysPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=token-row]").Count));
        var rows = cut.FindAll("[data-testid=token-row]").Select(r => r.TextContent.Trim()).ToList();
        var statuses = cut.FindAll("[data-testid=token-status]").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal("Active", statuses[rows.IndexOf("Lobby")]);
        Assert.StartsWith("Revoked", statuses[rows.IndexOf("Canteen")], StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=revoke-token]"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Issue_WithoutAName_ShowsWhyAndStoresNothing(string name)
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<DisplaysPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=issue-token]").HasAttribute("disabled")));

        Input(cut, "display-name").Change(name);
        cut.Find("[data-testid=issue-token]").Click();

        cut.WaitForAssertion(() => Assert.Contains("A display's name has 1 to 100 characters", cut.Find("[data-testid=displays-message]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=issued-token]"));
        await using var db = NewDb();
        Assert.Equal(0, await db.DisplayTokens.CountAsync(Ct));
    }

    [Fact]
    public async Task Issue_ShowsTheSignInAddressOnceAndNeverAgain()
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<DisplaysPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=issue-token]").HasAttribute("disabled")));

        Input(cut, "display-name").Change("Lobby");
        cut.Find("[data-testid=issue-token]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Lobby", cut.Find("[data-testid=issued-token]").TextContent, StringComparison.Ordinal));
        var url = Input(cut, "issued-url").GetAttribute("value")!;
        Assert.Matches("/display/sign-in\\?token=[A-Za-z0-9_-]{43}$", url);
        var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.Equal(["Lobby"], cut.FindAll("[data-testid=token-row]").Select(r => r.TextContent.Trim()));

        // The token really signs in, and only its hash is stored.
        Assert.NotNull(await Tokens.SignInAsync(token, Ct));
        await using (var db = NewDb())
        {
            Assert.NotEqual(token, (await db.DisplayTokens.SingleAsync(Ct)).TokenHash);
        }

        // Opening the page again shows the display but not its address.
        await DisposeComponentsAsync();
        var again = RenderPage<DisplaysPage>();
        again.WaitForAssertion(() => Assert.Equal(["Lobby"], again.FindAll("[data-testid=token-row]").Select(r => r.TextContent.Trim())));
        Assert.Empty(again.FindAll("[data-testid=issued-token]"));
        Assert.DoesNotContain(token, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_AsksForConfirmationFirst()
    {
        var issued = await Tokens.IssueAsync("Plant room", TimeSpan.FromDays(30), Admin, Ct);
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<DisplaysPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=revoke-token]")));

        cut.Find("[data-testid=revoke-token]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=confirm-revoke]")));
        Assert.Equal("Active", cut.Find("[data-testid=token-status]").TextContent.Trim());
        Assert.True((await Tokens.ListAsync(Admin, Ct)).Single().IsActive(DateTimeOffset.UtcNow));

        cut.FindAll("[data-testid=confirm-revoke] ~ button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=confirm-revoke]")));
        Assert.Single(cut.FindAll("[data-testid=revoke-token]"));
        Assert.Null((await Tokens.ListAsync(Admin, Ct)).Single().RevokedAt);

        cut.Find("[data-testid=revoke-token]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=confirm-revoke]").Click());

        cut.WaitForAssertion(() => Assert.StartsWith("Revoked", cut.Find("[data-testid=token-status]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("The token of Plant room is revoked", cut.Find("[data-testid=displays-message]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=revoke-token]"));
        Assert.Equal("admin-ada", (await Tokens.ListAsync(Admin, Ct)).Single(t => t.Id == issued.Id).RevokedBy);
        Assert.Null(await Tokens.SignInAsync(issued.Token, Ct));
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer)]
    [InlineData(DashboardRoles.Operator)]
    public async Task NonAdmin_SeesTheRefusalAndTheServiceRefusesTheirActions(string role)
    {
        await Tokens.IssueAsync("Boardroom", TimeSpan.FromDays(7), Admin, Ct);
        var name = role.ToLowerInvariant() + "-ned";
        SignIn(name, role);

        var cut = RenderPage<DisplaysPage>();

        cut.WaitForAssertion(() => Assert.Equal("Your role does not allow managing wall displays.", cut.Find("[data-testid=displays-message]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=token-row]"));
        Assert.DoesNotContain("Boardroom", cut.Markup, StringComparison.Ordinal);

        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=issue-token]").HasAttribute("disabled")));
        Input(cut, "display-name").Change("Sneaky");
        cut.Find("[data-testid=issue-token]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Your role does not allow managing wall displays.", cut.Find("[data-testid=displays-message]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=issued-token]"));
        Assert.Equal(["Boardroom"], (await Tokens.ListAsync(Admin, Ct)).Select(t => t.Name));
        var denied = (await AuditAsync()).Where(a => a.User == name && !a.Allowed).Select(a => a.Action).ToList();
        Assert.Contains("display-token.list", denied);
        Assert.Contains("display-token.issue", denied);
    }
}
