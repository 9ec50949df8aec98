using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Caps request bodies: the sign-in and sign-out forms at <see cref="SecurityOptions.MaxFormBytes"/>,
/// everything else at <see cref="SecurityOptions.MaxRequestBytes"/>. A declared oversize body is refused
/// with 413 before it is read, audited and logged; an undeclared one is cut off by the server at the cap.
/// </summary>
public static partial class RequestLimits
{
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var limit = context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase) ? options.MaxFormBytes : options.MaxRequestBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            var services = context.RequestServices;
            var user = ActionGuard.NameOf(context.User);
            var path = context.Request.Path.Value ?? "";
            services.GetRequiredService<StoreWriter>().Enqueue(new AuditEntry
            {
                At = services.GetRequiredService<TimeProvider>().GetUtcNow(),
                User = user,
                Action = "request.too-large",
                Target = path,
                Details = $"{context.Request.ContentLength} bytes, limit {limit}",
                Allowed = false,
            });
            Log.TooLarge(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLimits)), user, path, context.Request.ContentLength.Value, limit);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"The request is larger than this page accepts ({limit / 1024} KB); nothing was changed.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{User} sent {Length} bytes to {Path}, over the {Limit}-byte limit; refused")]
        public static partial void TooLarge(ILogger logger, string user, string path, long length, long limit);
    }
}
