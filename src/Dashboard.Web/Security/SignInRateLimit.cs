using System.Threading.RateLimiting;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Sign-in attempts (password posts and display tokens) per client address and minute, on top of the
/// per-account lockout: slows guessing across many accounts. A refusal is 429, audited and logged.
/// </summary>
public static partial class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(Policy, context =>
        {
            // Showing the form is free; posting it, or presenting a display token, counts.
            if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments(DisplaySignInEndpoint.Path, StringComparison.Ordinal))
            {
                return RateLimitPartition.GetNoLimiter("show");
            }

            var perMinute = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
        o.OnRejected = async (rejected, cancellationToken) =>
        {
            var http = rejected.HttpContext;
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var services = http.RequestServices;
            services.GetRequiredService<StoreWriter>().Enqueue(new AuditEntry
            {
                At = services.GetRequiredService<TimeProvider>().GetUtcNow(),
                User = ActionGuard.NameOf(http.User),
                Action = "account.sign-in",
                Target = http.Request.Path.Value ?? "",
                Details = $"rate limited: {address}",
                Allowed = false,
            });
            Log.Limited(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit)), address, http.Request.Path.Value ?? "");
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("Too many sign-in attempts from this address. Wait a minute, then try again.", cancellationToken).ConfigureAwait(false);
        };
    });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Sign-in attempts from {Address} on {Path} are over the limit; refused")]
        public static partial void Limited(ILogger logger, string address, string path);
    }
}
