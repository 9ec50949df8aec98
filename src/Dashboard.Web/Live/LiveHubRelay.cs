using Dashboard.Web.Configuration;
using Dashboard.Web.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Live;

/// <summary>Forwards the broker's coalesced changes to SignalR clients as typed messages.</summary>
public sealed class LiveHubRelay(LiveUpdates live, DeviceRegistry registry, IHubContext<LiveHub, ILiveClient> hub,
    IOptions<DashboardOptions> options, TimeProvider time, Logs.LogQueries logs) : IHostedService
{
    private static readonly TimeSpan RelayInterval = TimeSpan.FromMilliseconds(5);
    private LiveSubscription? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A change arriving within the interval after a delivery waits for it to end; with a fleet changing
        // every few milliseconds that is nearly every change, so the interval is short: one message per change
        // goes out anyway, the window only coalesces a flapping device. Blazor circuits keep the default
        // ~100 ms, since each delivery there is a render. (docs/benchmarks.md: 20 ms → 5 ms.)
        _subscription = live.Subscribe(SendAsync, RelayInterval);
        return Task.CompletedTask;
    }

    private async Task SendAsync(IReadOnlyCollection<LiveChange> changes)
    {
        var polling = options.Value.Polling;
        var staleAfter = polling.Interval * polling.StaleAfterIntervals;
        var now = time.GetUtcNow();
        List<long>? auditIds = null;
        foreach (var change in changes)
        {
            var device = change.Device is null ? null : registry.Find(Xmpp.Jid.Parse(change.Device));
            switch (change.Kind)
            {
                case LiveChangeKind.Presence when device is not null:
                    await hub.Clients.All.PresenceChanged(new DevicePresenceMessage(change.Device!, device.Name,
                        device.Availability.ToString(), device.IsOnline, device.PresenceSince)).ConfigureAwait(false);
                    break;
                case LiveChangeKind.Points when device is not null:
                    await hub.Clients.All.PointsUpdated(new PointsUpdatedMessage(change.Device!, device.Points.Values
                        .Select(p => new PointValueMessage(p.Name, p.Value, p.Unit, p.ValueDefinition, p.Status, p.Priority, p.LastUpdate,
                            device.QualityOf(p, now, staleAfter).ToString(), p.Delivery.ToString()))
                        .ToArray())).ConfigureAwait(false);
                    break;
                case LiveChangeKind.SoapExchange:
                    await hub.Clients.All.SoapExchangeCompleted(new SoapExchangeMessage(change.Device ?? "", change.Detail ?? "")).ConfigureAwait(false);
                    break;
                case LiveChangeKind.Alarm:
                    await hub.Clients.All.AlarmChanged(new AlarmMessage(change.Device ?? "", change.Detail)).ConfigureAwait(false);
                    break;
                case LiveChangeKind.Connection:
                    await hub.Clients.All.ConnectionChanged(new ConnectionMessage(change.Detail ?? "")).ConfigureAwait(false);
                    break;
                case LiveChangeKind.Audit when long.TryParse(change.Detail, System.Globalization.CultureInfo.InvariantCulture, out var id):
                    (auditIds ??= []).Add(id);
                    break;
            }
        }

        if (auditIds is not null)
        {
            // Only the group of connections whose users may follow the audit trail; everyone else never sees these.
            var admins = hub.Clients.Group(Logs.AuditAudience.Group);
            foreach (var entry in await logs.AuditEntriesByIdAsync(auditIds, CancellationToken.None).ConfigureAwait(false))
            {
                await admins.AuditEntryAdded(new AuditEntryMessage(entry.Id, entry.At, entry.User, entry.Action, entry.Target, entry.Allowed, entry.Details))
                    .ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
