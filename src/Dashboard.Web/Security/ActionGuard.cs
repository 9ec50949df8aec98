using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// The check every service that acts makes before acting, whatever called it (a page, the SignalR hub, the
/// JSON API): a denied attempt is audited, logged and refused with <see cref="ActionDeniedException"/>.
/// </summary>
public sealed partial class ActionGuard(IAuthorizationService authorization, StoreWriter store, TimeProvider time, ILogger<ActionGuard> logger)
{
    /// <summary>The name audit rows carry for <paramref name="user"/>.</summary>
    public static string NameOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    /// <summary>Returns the user's name when <paramref name="policy"/> allows the action; throws otherwise.</summary>
    public async Task<string> DemandAsync(ClaimsPrincipal user, string policy, string action, string target)
    {
        var name = NameOf(user);
        var result = await authorization.AuthorizeAsync(user, policy).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return name;
        }

        store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = name, Action = action, Target = target, Details = $"denied: needs {policy}", Allowed = false });
        Log.Denied(logger, name, action, target, policy);
        throw new ActionDeniedException(name, action, target);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{User} was denied {Action} on {Target} (needs {Policy})")]
        public static partial void Denied(ILogger logger, string user, string action, string target, string policy);
    }
}
