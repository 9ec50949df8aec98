using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using UsersPage = Dashboard.Web.Components.Pages.Admin.Users;

namespace Dashboard.Web.Tests.Components.Admin;

/// <summary>The Users page (/admin/users) over the real accounts service and Identity store.</summary>
public sealed class UsersPageTests : AdminPageTest
{
    private const string GoodPassword = "Correct-Horse-Battery-9";

    [Fact]
    public void Render_NoUsers_SaysSo()
    {
        SignIn("admin-ada", DashboardRoles.Admin);

        var cut = RenderPage<UsersPage>();

        cut.WaitForAssertion(() => Assert.Equal("No users to show.", cut.Find("[data-testid=no-users]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=user-row]"));
        Assert.Empty(cut.FindAll("[data-testid=users-message]"));
    }

    [Fact]
    public async Task Render_Users_ListsEachByNameWithItsStatus()
    {
        await Accounts.CreateAsync("viewer-vera", DashboardRoles.Viewer, GoodPassword, Admin, Ct);
        await Accounts.CreateAsync("operator-otto", DashboardRoles.Operator, GoodPassword, Admin, Ct);
        await Accounts.SetLockedAsync("viewer-vera", true, Admin, Ct);
        SignIn("admin-ada", DashboardRoles.Admin);

        var cut = RenderPage<UsersPage>();

        cut.WaitForAssertion(() => Assert.Equal(["operator-otto", "viewer-vera"], cut.FindAll("[data-testid=user-row]").Select(r => r.TextContent.Trim())));
        var statuses = cut.FindAll("[data-testid=user-status]").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal(["Active", "Locked"], statuses);
        Assert.Single(cut.FindAll("[data-testid=unlock-user]"));
        Assert.Single(cut.FindAll("[data-testid=lock-user]"));
    }

    [Theory]
    [InlineData("new-nina", "short", "Passwords must be at least")]
    [InlineData("name with spaces", GoodPassword, "is invalid")]
    [InlineData("", GoodPassword, "A user name has 1 to 64 characters")]
    public async Task Create_InvalidInput_ShowsWhyAndCreatesNobody(string name, string password, string expected)
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<UsersPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=create-user]").HasAttribute("disabled")));

        Input(cut, "new-user-name").Change(name);
        Input(cut, "new-user-password").Change(password);
        cut.Find("[data-testid=create-user]").Click();

        cut.WaitForAssertion(() => Assert.Contains(expected, cut.Find("[data-testid=users-message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-text-error", cut.Find("[data-testid=users-message]").ClassName, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=user-row]"));
        await using var db = NewDb();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Fact]
    public async Task Create_Valid_ListsTheNewUserAndClearsThePassword()
    {
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<UsersPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=create-user]").HasAttribute("disabled")));

        Input(cut, "new-user-name").Change("viewer-walt");
        Input(cut, "new-user-password").Change(GoodPassword);
        cut.Find("[data-testid=create-user]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["viewer-walt"], cut.FindAll("[data-testid=user-row]").Select(r => r.TextContent.Trim())));
        Assert.Equal("Created viewer-walt (Viewer).", cut.Find("[data-testid=users-message]").TextContent.Trim());
        Assert.Equal("", Input(cut, "new-user-password").GetAttribute("value") ?? "");
        Assert.DoesNotContain(GoodPassword, cut.Markup, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(), a => a is { User: "admin-ada", Action: "user.create", Target: "user:viewer-walt", Allowed: true });
    }

    [Fact]
    public async Task Lock_FromTheList_LocksTheUser()
    {
        await Accounts.CreateAsync("viewer-luke", DashboardRoles.Viewer, GoodPassword, Admin, Ct);
        SignIn("admin-ada", DashboardRoles.Admin);
        var cut = RenderPage<UsersPage>();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=lock-user]").HasAttribute("disabled")));

        cut.Find("[data-testid=lock-user]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Locked", cut.Find("[data-testid=user-status]").TextContent.Trim()));
        Assert.Equal("viewer-luke is locked; their open sessions end.", cut.Find("[data-testid=users-message]").TextContent.Trim());
        Assert.True((await Accounts.ListAsync(Admin, Ct)).Single().LockedOut);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer)]
    [InlineData(DashboardRoles.Operator)]
    public async Task NonAdmin_SeesTheRefusalAndTheServiceRefusesTheirActions(string role)
    {
        await Accounts.CreateAsync("viewer-vera", DashboardRoles.Viewer, GoodPassword, Admin, Ct);
        var name = role.ToLowerInvariant() + "-nick";
        SignIn(name, role);

        var cut = RenderPage<UsersPage>();

        cut.WaitForAssertion(() => Assert.Equal("Your role does not allow managing users.", cut.Find("[data-testid=users-message]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=user-row]"));
        Assert.DoesNotContain("viewer-vera", cut.Markup, StringComparison.Ordinal);

        // The page offers the form (its policies say so), but the service decides by the role.
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=create-user]").HasAttribute("disabled")));
        Input(cut, "new-user-name").Change("sneaky-admin");
        Input(cut, "new-user-password").Change(GoodPassword);
        cut.Find("[data-testid=create-user]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Your role does not allow managing users.", cut.Find("[data-testid=users-message]").TextContent.Trim()));
        Assert.Equal(["viewer-vera"], (await Accounts.ListAsync(Admin, Ct)).Select(u => u.UserName));
        var denied = (await AuditAsync()).Where(a => a.User == name && !a.Allowed).Select(a => a.Action).ToList();
        Assert.Contains("user.list", denied);
        Assert.Contains("user.create", denied);
    }
}
