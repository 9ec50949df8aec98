using System.Globalization;
using System.Security.Claims;
using System.Text;
using Dashboard.Web.Security;

namespace Dashboard.Web.Logs;

/// <summary>
/// GET /logs/soap.csv, /logs/presence.csv and /logs/audit.csv with the Logs page's filter as query string. The
/// service decides who may export (and audits refusals); a refusal is 403, a bad filter 400 with the reason.
/// </summary>
public static class LogExportEndpoints
{
    public static IEndpointRouteBuilder MapLogExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/logs/soap.csv", (HttpContext http, LogExport export) => StreamAsync(http, "soap-exchanges",
            (user, writer, ct) => export.WriteSoapExchangesAsync(LogFilterQuery.SoapExchanges(http.Request.Query), user, writer, ct)));
        app.MapGet("/logs/presence.csv", (HttpContext http, LogExport export) => StreamAsync(http, "presence-events",
            (user, writer, ct) => export.WritePresenceEventsAsync(LogFilterQuery.PresenceEvents(http.Request.Query), user, writer, ct)));
        app.MapGet("/logs/audit.csv", (HttpContext http, LogExport export) => StreamAsync(http, "audit-entries",
            (user, writer, ct) => export.WriteAuditEntriesAsync(LogFilterQuery.AuditEntries(http.Request.Query), user, writer, ct)));
        return app;
    }

    private static async Task StreamAsync(HttpContext http, string name, Func<ClaimsPrincipal, TextWriter, CancellationToken, Task<int>> write)
    {
        var response = http.Response;
        var stamp = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{stamp}.csv\"";
        response.Headers.CacheControl = "no-store";
        // A byte order mark, so spreadsheets read the file as UTF-8.
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        try
        {
            await write(http.User, writer, http.RequestAborted);
        }
        catch (LogFilterException e)
        {
            await RefuseAsync(response, StatusCodes.Status400BadRequest, e.Message);
        }
        catch (ActionDeniedException)
        {
            await RefuseAsync(response, StatusCodes.Status403Forbidden, "Exporting logs needs the Operator or Admin role; the attempt was recorded.");
        }
    }

    private static async Task RefuseAsync(HttpResponse response, int status, string message)
    {
        response.Headers.ContentDisposition = default;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(message);
    }
}
