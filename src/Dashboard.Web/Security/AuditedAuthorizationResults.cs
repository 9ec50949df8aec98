using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Dashboard.Web.Security;

/// <summary>
/// A signed-in user refused a page or endpoint by its policy is audited like a refusal in a service;
/// visitors who are not signed in are only sent to sign in (not audited, or every first visit would be).
/// </summary>
public sealed partial class AuditedAuthorizationResults(StoreWriter store, TimeProvider time, ILogger<AuditedAuthorizationResults> logger)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            Record(context, "forbidden by policy");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>Audits and logs a refused request of <paramref name="context"/>'s user.</summary>
    public void Record(HttpContext context, string reason)
    {
        var user = ActionGuard.NameOf(context.User);
        var path = context.Request.Path.Value ?? "";
        store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = user, Action = "request.denied", Target = $"{context.Request.Method} {path}", Details = reason, Allowed = false });
        Log.Denied(logger, user, context.Request.Method, path, reason);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{User} was refused {Method} {Path}: {Reason}")]
        public static partial void Denied(ILogger logger, string user, string method, string path, string reason);
    }
}
