using System.Globalization;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Live;

namespace Dashboard.Web.Logs;

/// <summary>
/// Announces log rows once the store writer has stored them (not when they are queued), so a live log view that asks
/// the database for rows newer than its newest always finds them: SOAP exchanges and presence events as
/// <see cref="LiveChangeKind.LogRow"/>, audit entries one by one as <see cref="LiveChangeKind.Audit"/>.
/// </summary>
public sealed class StoredLogRows(StoreWriter store, LiveUpdates live) : IHostedService
{
    public const string SoapExchanges = "soap";
    public const string PresenceEvents = "presence";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Stored += OnStored;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Stored -= OnStored;
        return Task.CompletedTask;
    }

    private void OnStored(IReadOnlyList<object> rows)
    {
        bool soap = false, presence = false;
        foreach (var row in rows)
        {
            switch (row)
            {
                case SoapExchange:
                    soap = true;
                    break;
                case PresenceEvent:
                    presence = true;
                    break;
                case AuditEntry entry:
                    live.Publish(new LiveChange(LiveChangeKind.Audit, null, entry.Id.ToString(CultureInfo.InvariantCulture)));
                    break;
            }
        }

        if (soap)
        {
            live.Publish(new LiveChange(LiveChangeKind.LogRow, null, SoapExchanges));
        }

        if (presence)
        {
            live.Publish(new LiveChange(LiveChangeKind.LogRow, null, PresenceEvents));
        }
    }
}
