using System.Security.Claims;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Logs;

/// <summary>
/// Who is sent audit entries as they are written over /hubs/live: Admins only, since the audit trail tells who did what
/// and who was refused. Decided here, not by the client: a connection joins <see cref="Group"/> only when its user passes.
/// </summary>
public sealed class AuditAudience(IAuthorizationService authorization)
{
    /// <summary>The SignalR group audit entries are sent to.</summary>
    public const string Group = "audit";

    /// <summary>The policy a user needs to follow the audit trail live.</summary>
    public const string Policy = DashboardPolicies.Administer;

    public async Task<bool> MayFollowAsync(ClaimsPrincipal? user) =>
        user is not null && (await authorization.AuthorizeAsync(user, Policy).ConfigureAwait(false)).Succeeded;
}
