using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Live;

/// <summary>
/// Every <see cref="SecurityOptions.RevalidationInterval"/> (the interval open pages use) each open
/// /hubs/live connection's sign-in is checked again; a connection whose user was locked, deleted or
/// changed, whose session was signed out, or whose display token was revoked or expired is closed,
/// audited and logged. New connections are refused by the endpoint's policy and the session cookie.
/// </summary>
public sealed partial class LiveConnectionRevalidator(LiveConnections connections, IServiceScopeFactory scopes, StoreWriter store,
    IOptions<SecurityOptions> options, TimeProvider time, ILogger<LiveConnectionRevalidator> logger) : BackgroundService
{
    public const string AuditAction = "live.closed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevalidationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RevalidateAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Checks every open connection once and closes those whose sign-in no longer stands.</summary>
    public async Task RevalidateAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in connections.Snapshot())
        {
            if (connection.ConnectionAborted.IsCancellationRequested || connection.User is not { } user)
            {
                continue;
            }

            string reason;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var validator = scope.ServiceProvider.GetRequiredService<SessionValidator>();
                if (await validator.IsStillValidAsync(user, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                reason = "sign-in no longer valid";
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Like open pages, a session that cannot be checked is not trusted.
                Log.CheckFailed(logger, ex, connection.ConnectionId);
                reason = "sign-in could not be checked";
            }

            var name = ActionGuard.NameOf(user);
            connection.Abort();
            connections.Remove(connection.ConnectionId);
            store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = name, Action = AuditAction, Target = "/hubs/live", Details = reason, Allowed = false });
            Log.Closed(logger, name, connection.ConnectionId, reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Live connection {ConnectionId} of {User} closed: {Reason}")]
        public static partial void Closed(ILogger logger, string user, string connectionId, string reason);

        [LoggerMessage(2, LogLevel.Error, "Checking the sign-in of live connection {ConnectionId} failed")]
        public static partial void CheckFailed(ILogger logger, Exception exception, string connectionId);
    }
}
