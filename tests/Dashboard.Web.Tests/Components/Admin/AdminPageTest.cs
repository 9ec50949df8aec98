using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Components.Admin;

/// <summary>
/// An admin page over the real accounts and display token services, Identity on a migrated SQLite file and
/// the real guard: the signed-in role decides what the services allow, the page's policies only what it offers.
/// </summary>
public abstract class AdminPageTest : StoredComponentTest
{
    protected static readonly System.Security.Claims.ClaimsPrincipal Admin = Dashboard.Testing.TestUsers.Signed("admin-ada", DashboardRoles.Admin);

    protected AdminPageTest()
    {
        // Audit rows are stored on the real clock, so a test can wait for them (the page's clock stays fake).
        Services.RemoveAll<StoreWriter>();
        Services.AddSingleton(sp => new StoreWriter(sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), NullLogger<StoreWriter>.Instance, TimeProvider.System));
        Services.AddSingleton(Options.Create(new SecurityOptions()));
        Services.AddSingleton<UserSessions>();
        Services.AddIdentityCore<DashboardUser>(o => PasswordRules.Apply(o.Password))
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>();
        Services.AddSingleton<UserAccounts>();
        Services.AddSingleton<DisplayTokens>();
    }

    protected UserAccounts Accounts => Services.GetRequiredService<UserAccounts>();

    protected DisplayTokens Tokens => Services.GetRequiredService<DisplayTokens>();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs <paramref name="name"/> in with <paramref name="role"/>; the page is told it may offer everything an Admin may.</summary>
    protected void SignIn(string name, string role)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(role);
        Authorization.SetPolicies(DashboardPolicies.View, DashboardPolicies.Operate, DashboardPolicies.Administer);
    }

    /// <summary>The audit rows stored so far, once the writer has stored what was queued.</summary>
    protected async Task<IReadOnlyList<AuditEntry>> AuditAsync()
    {
        var writer = Services.GetRequiredService<StoreWriter>();
        await writer.StartAsync(Ct);
        try
        {
            await writer.FlushAsync(Ct);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }

        await using var db = NewDb();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct);
    }

    /// <summary>Renders <typeparamref name="TPage"/> under the popover provider its selects need.</summary>
    protected IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderPage<TPage>() where TPage : Microsoft.AspNetCore.Components.IComponent =>
        Render(b =>
        {
            b.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<TPage>(1);
            b.CloseComponent();
        });

    protected static AngleSharp.Dom.IElement Input(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut, string testId) =>
        cut.Find($"[data-testid='{testId}'] input, input[data-testid='{testId}']");
}
