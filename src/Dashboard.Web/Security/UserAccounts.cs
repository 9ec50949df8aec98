using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Security;

/// <summary>One row of the users list.</summary>
public sealed record UserSummary(string UserName, string? Role, bool LockedOut, DateTimeOffset? LockedUntil, int FailedSignIns, DateTimeOffset CreatedAt);

/// <summary>
/// Creates users and changes their role, password and lock: the one path for the users page and the
/// <c>users</c> command. Each call is an Admin's action (guarded and audited). A change that affects a
/// session (role, password, lock) renews the user's security stamp and revokes the user's server-side
/// sessions, so every cookie they hold is refused at once and open pages end at the next re-validation. The last unlocked Admin cannot be demoted or locked.
/// </summary>
public sealed partial class UserAccounts(IServiceScopeFactory scopes, ActionGuard guard, UserSessions sessions, StoreWriter store, TimeProvider time,
    ILogger<UserAccounts> logger)
{
    public const int MaxUserNameLength = 64;

    public async Task<IReadOnlyList<UserSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await guard.DemandAsync(actor, DashboardPolicies.Administer, "user.list", "users").ConfigureAwait(false);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           select new { link.UserId, role.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return [.. users.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).Select(u => new UserSummary(
            u.UserName!, roles.FirstOrDefault(r => r.UserId == u.Id)?.Name, u.LockoutEnd > now, u.LockoutEnd > now ? u.LockoutEnd : null,
            u.AccessFailedCount, u.CreatedAt))];
    }

    /// <summary>True once any user exists; before that, the sign-in page says how to create the first Admin.</summary>
    public async Task<bool> AnyUserAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Users.AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateAsync(string userName, string role, string password, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var by = await guard.DemandAsync(actor, DashboardPolicies.Administer, "user.create", Target(userName)).ConfigureAwait(false);
        CheckRole(role);
        CheckUserName(userName);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = new DashboardUser { UserName = userName, CreatedAt = time.GetUtcNow() };
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Check(await users.CreateAsync(user, password).ConfigureAwait(false));
        Check(await users.AddToRoleAsync(user, role).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Audit(by, "user.create", userName, $"role {role}");
    }

    public async Task SetRoleAsync(string userName, string role, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var by = await guard.DemandAsync(actor, DashboardPolicies.Administer, "user.set-role", Target(userName)).ConfigureAwait(false);
        CheckRole(role);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await FindAsync(users, userName).ConfigureAwait(false);
        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
        if (current.Count == 1 && current[0] == role)
        {
            return;
        }

        if (current.Contains(DashboardRoles.Admin) && role != DashboardRoles.Admin)
        {
            await EnsureAnotherAdminAsync(scope, user, cancellationToken).ConfigureAwait(false);
        }

        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Check(await users.RemoveFromRolesAsync(user, current).ConfigureAwait(false));
        Check(await users.AddToRoleAsync(user, role).ConfigureAwait(false));
        Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await sessions.RevokeUserAsync(user.Id, "role changed", cancellationToken).ConfigureAwait(false);
        Audit(by, "user.set-role", userName, $"{string.Join(',', current)} -> {role}");
    }

    public async Task SetPasswordAsync(string userName, string password, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var by = await guard.DemandAsync(actor, DashboardPolicies.Administer, "user.set-password", Target(userName)).ConfigureAwait(false);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await FindAsync(users, userName).ConfigureAwait(false);
        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, user, password).ConfigureAwait(false));
        }

        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Check(await users.RemovePasswordAsync(user).ConfigureAwait(false));
        Check(await users.AddPasswordAsync(user, password).ConfigureAwait(false));
        Check(await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await sessions.RevokeUserAsync(user.Id, "password reset", cancellationToken).ConfigureAwait(false);
        Audit(by, "user.set-password", userName, null);
    }

    /// <summary>Locks the account (until unlocked) or unlocks it and clears its failed sign-ins.</summary>
    public async Task SetLockedAsync(string userName, bool locked, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var action = locked ? "user.lock" : "user.unlock";
        var by = await guard.DemandAsync(actor, DashboardPolicies.Administer, action, Target(userName)).ConfigureAwait(false);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await FindAsync(users, userName).ConfigureAwait(false);
        if (locked && await users.IsInRoleAsync(user, DashboardRoles.Admin).ConfigureAwait(false))
        {
            await EnsureAnotherAdminAsync(scope, user, cancellationToken).ConfigureAwait(false);
        }

        Check(await users.SetLockoutEnabledAsync(user, true).ConfigureAwait(false));
        Check(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null).ConfigureAwait(false));
        Check(await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false));
        if (locked)
        {
            Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false));
            await sessions.RevokeUserAsync(user.Id, "locked", cancellationToken).ConfigureAwait(false);
        }

        Audit(by, action, userName, null);
    }

    private static async Task<DashboardUser> FindAsync(UserManager<DashboardUser> users, string userName) =>
        await users.FindByNameAsync(userName).ConfigureAwait(false) ?? throw new UserAccountException($"There is no user '{userName}'.");

    private async Task EnsureAnotherAdminAsync(AsyncServiceScope scope, DashboardUser user, CancellationToken cancellationToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var now = time.GetUtcNow();
        var adminRole = SeededRoles.All.Single(r => r.Name == DashboardRoles.Admin).Id;
        var adminIds = await db.UserRoles.Where(r => r.RoleId == adminRole && r.UserId != user.Id).Select(r => r.UserId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var others = await db.Users.Where(u => adminIds.Contains(u.Id)).Select(u => u.LockoutEnd).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (!others.Any(end => end is null || end <= now))
        {
            throw new UserAccountException($"'{user.UserName}' is the last Admin who can sign in; make another Admin first.");
        }
    }

    private static void CheckRole(string role)
    {
        if (!DashboardRoles.All.Contains(role))
        {
            throw new UserAccountException($"'{role}' is not a role; use {string.Join(", ", DashboardRoles.All)}.");
        }
    }

    private static void CheckUserName(string userName)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > MaxUserNameLength)
        {
            throw new UserAccountException($"A user name has 1 to {MaxUserNameLength} characters.");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new UserAccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static string Target(string userName) =>
        "user:" + (userName.Length > MaxUserNameLength ? userName[..MaxUserNameLength] : userName);

    private void Audit(string by, string action, string userName, string? details)
    {
        store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = by, Action = action, Target = Target(userName), Details = details, Allowed = true });
        Log.Changed(logger, by, action, userName);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{By}: {Action} {UserName}")]
        public static partial void Changed(ILogger logger, string by, string action, string userName);
    }
}
