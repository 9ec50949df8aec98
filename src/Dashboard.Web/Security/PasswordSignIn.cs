using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Security;

public enum SignInOutcome
{
    SignedIn,
    Refused,
    LockedOut,
}

/// <summary>
/// Signs a user in with name and password (setting the session cookie on the current request) and signs
/// them out; every attempt is audited and logged by name, never with the password. Repeated failures lock
/// the account. The visitor learns only "refused" or "locked", never whether the name exists.
/// </summary>
public sealed partial class PasswordSignIn(SignInManager<DashboardUser> signIn, StoreWriter store, TimeProvider time, ILogger<PasswordSignIn> logger)
{
    private const string Target = "dashboard";

    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        var name = AuditName(userName);
        var user = userName.Length <= UserAccounts.MaxUserNameLength ? await signIn.UserManager.FindByNameAsync(userName).ConfigureAwait(false) : null;
        if (user is null)
        {
            // Hash anyway, so an unknown name takes as long to refuse as a wrong password.
            signIn.UserManager.PasswordHasher.HashPassword(new DashboardUser(), password);
            Refused(name, "unknown user");
            return SignInOutcome.Refused;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = name, Action = "account.sign-in", Target = Target, Allowed = true });
            Log.SignedIn(logger, name);
            return SignInOutcome.SignedIn;
        }

        if (result.IsLockedOut)
        {
            Refused(name, "locked out");
            return SignInOutcome.LockedOut;
        }

        Refused(name, result.IsNotAllowed ? "not allowed" : "wrong password");
        return SignInOutcome.Refused;
    }

    public async Task SignOutAsync(string userName)
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = AuditName(userName), Action = "account.sign-out", Target = Target, Allowed = true });
    }

    /// <summary>What a visitor typed as their name, made safe to store and log: no control characters, bounded.</summary>
    public static string AuditName(string userName)
    {
        var clean = new string([.. userName.Where(c => !char.IsControl(c)).Take(UserAccounts.MaxUserNameLength)]);
        return clean.Length == 0 ? "(empty)" : clean;
    }

    private void Refused(string name, string reason)
    {
        store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = name, Action = "account.sign-in", Target = Target, Details = reason, Allowed = false });
        Log.Refused(logger, name, reason);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{User} signed in")]
        public static partial void SignedIn(ILogger logger, string user);

        [LoggerMessage(2, LogLevel.Warning, "Sign-in as {User} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string user, string reason);
    }
}
