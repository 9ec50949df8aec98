using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Hub;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api;

/// <summary>/healthz and the small read-only JSON API for integrators and scripts.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", HealthAsync).AllowAnonymous();
        var api = app.MapGroup("/api").RequireAuthorization(DashboardPolicies.View);
        api.MapGet("/devices", Devices);
        api.MapGet("/devices/{jid}/points", Points);
        api.MapGet("/alarms", AlarmsAsync);
        return app;
    }

    /// <summary>Anyone (a load balancer) gets the status word; the details are for signed-in users who may view.</summary>
    private static async Task<IResult> HealthAsync(HttpContext http, IAuthorizationService authorization, XmppHub hub, StoreWriter writer,
        IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        bool databaseReachable;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            databaseReachable = await db.Database.CanConnectAsync(ct);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            databaseReachable = false;
        }

        var connection = hub.Connection;
        var healthy = databaseReachable && writer.LastError is null && (!connection.Configured || connection.IsConnected);
        var status = healthy ? "Healthy" : databaseReachable ? "Degraded" : "Unhealthy";
        var statusCode = databaseReachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        if (!(await authorization.AuthorizeAsync(http.User, DashboardPolicies.View)).Succeeded)
        {
            return Results.Json(new { status }, statusCode: statusCode);
        }

        var body = new
        {
            status,
            xmpp = new { configured = connection.Configured, state = connection.State.ToString(), jid = connection.BoundJid, lastError = connection.LastError },
            database = new { reachable = databaseReachable, writerBacklog = writer.Backlog, rowsWritten = writer.Written, lastError = writer.LastError },
        };
        return Results.Json(body, statusCode: statusCode);
    }

    private static IResult Devices(DeviceRegistry registry, IOptions<DashboardOptions> options, TimeProvider time)
    {
        var (now, staleAfter) = (time.GetUtcNow(), StaleAfter(options));
        return Results.Ok(registry.Devices.OrderBy(d => d.Jid.ToString(), StringComparer.Ordinal).Select(d => new
        {
            jid = d.Jid.ToString(),
            name = d.Name,
            site = d.Site,
            area = d.Area,
            presence = d.Availability.ToString(),
            online = d.IsOnline,
            quality = d.Quality(now, staleAfter).ToString(),
            delivery = d.Delivery.ToString(),
            lastPolledAt = d.LastPolledAt,
            lastError = d.LastError,
        }));
    }

    private static IResult Points(string jid, DeviceRegistry registry, IOptions<DashboardOptions> options, TimeProvider time)
    {
        if (!Jid.TryParse(jid, out var parsed) || registry.Find(parsed) is not { } device)
        {
            return Results.NotFound(new { error = "No such device." });
        }

        var (now, staleAfter) = (time.GetUtcNow(), StaleAfter(options));
        return Results.Ok(device.Points.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new
        {
            name = p.Name,
            value = p.Value,
            unit = p.Unit,
            valueDefinition = p.ValueDefinition,
            status = p.Status,
            priority = p.Priority,
            quality = device.QualityOf(p, now, staleAfter).ToString(),
            delivery = p.Delivery.ToString(),
            lastUpdate = p.LastUpdate,
            receivedAt = p.ReceivedAt,
        }));
    }

    private static async Task<IResult> AlarmsAsync(AlarmTracker alarms, IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        var open = await alarms.OpenAlarmsAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var devices = await db.Devices.AsNoTracking().ToDictionaryAsync(d => d.Id, d => (d.Jid, d.Name), ct);
        return Results.Ok(open.Select(a => new
        {
            id = a.Id,
            jid = devices.TryGetValue(a.DeviceId, out var d) ? d.Jid : null,
            device = devices.TryGetValue(a.DeviceId, out var n) ? n.Name : null,
            point = a.PointName,
            condition = a.Condition,
            severity = a.Severity.ToString(),
            state = a.State.ToString(),
            raisedAt = a.RaisedAt,
            clearedAt = a.ClearedAt,
            acknowledgedBy = a.AcknowledgedBy,
        }));
    }

    private static TimeSpan StaleAfter(IOptions<DashboardOptions> options) =>
        options.Value.Polling.Interval * options.Value.Polling.StaleAfterIntervals;
}
