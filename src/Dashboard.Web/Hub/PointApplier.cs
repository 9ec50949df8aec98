using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Live;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hub;

/// <summary>
/// Puts fresh point values into the registry, whichever way they came (poll, push, a write's read-back):
/// never moves a point back in time (a value older than the one shown is dropped), applies a pushed
/// duplicate once, stores a sample for each new reading, and evaluates alarms. A poll of a pushed point
/// either confirms it (same reading) or shows that the binding missed an update; then the point goes back
/// to being polled.
/// </summary>
public sealed partial class PointApplier(
    DeviceRegistry registry,
    DeviceIds deviceIds,
    AlarmTracker alarms,
    StoreWriter store,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<PointApplier> logger)
{
    /// <summary>Applies the points; returns how many changed or were confirmed (the rest were older or duplicates).</summary>
    public async Task<int> ApplyAsync(DeviceState device, IReadOnlyList<DataPoint> points, SampleOrigin origin, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deviceId = await StoredDeviceIdAsync(device, cancellationToken).ConfigureAwait(false);
        var pushedFreshFor = PushedFreshFor(options.Value);
        var touched = new List<string>();
        var samples = new List<Sample>();
        var silent = new List<string>();
        var after = registry.Update(device.Jid, d =>
        {
            // The registry may run this again on a concurrent update: start from scratch each time.
            touched.Clear();
            samples.Clear();
            silent.Clear();
            var updated = d.Points;
            foreach (var point in points.Where(p => !p.IsFaulted))
            {
                var merge = Merge(updated.GetValueOrDefault(point.Name), point, origin, now, pushedFreshFor);
                if (merge.State is null)
                {
                    continue;
                }

                updated = updated.SetItem(point.Name, merge.State);
                touched.Add(point.Name);
                if (merge.IsNewReading && deviceId is not null)
                {
                    samples.Add(SampleOf(deviceId.Value, merge.State, now));
                }

                if (merge.BindingMissedUpdate)
                {
                    silent.Add(point.Name);
                }
            }

            if (origin == SampleOrigin.Push)
            {
                return touched.Count == 0 ? d : d with { Points = updated };
            }

            return d with { Points = updated, LastPolledAt = now, LastError = null, LastErrorAt = null, ConsecutiveFailures = 0 };
        }, LiveChangeKind.Points);

        foreach (var sample in samples)
        {
            store.Enqueue(sample);
        }

        foreach (var name in silent)
        {
            Log.BindingSilent(logger, device.Jid, name);
        }

        if (after is not null && touched.Count > 0)
        {
            await alarms.EvaluateAsync(after, touched.Select(n => after.Points[n]), cancellationToken).ConfigureAwait(false);
        }

        return touched.Count;
    }

    /// <summary>
    /// The device's row id for its samples; null while the database cannot store a device seen for the
    /// first time. Its values are shown all the same; only their history starts once the row is written.
    /// </summary>
    private async Task<int?> StoredDeviceIdAsync(DeviceState device, CancellationToken cancellationToken)
    {
        try
        {
            return await deviceIds.GetAsync(device.Jid, device.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            Log.SamplesNotStored(logger, device.Jid, e.GetBaseException().Message);
            return null;
        }
    }

    /// <summary>How long a pushed value stays fresh: one safety-poll interval plus the usual grace.</summary>
    public static TimeSpan PushedFreshFor(DashboardOptions options) =>
        options.Push.SafetyPollInterval + options.Polling.Interval * options.Polling.StaleAfterIntervals;

    /// <summary>The rules for one point; State is null when the reading changes nothing.</summary>
    internal static PointMerge Merge(PointState? previous, DataPoint point, SampleOrigin origin, DateTimeOffset now, TimeSpan pushedFreshFor)
    {
        if (previous?.LastUpdate is { } shown && point.LastUpdate is { } at && at < shown)
        {
            return default; // older than what is shown: a late delivery, or a read overtaken by a push
        }

        var sameReading = previous is not null && previous.Value == point.Value?.Text && previous.ValueDefinition == point.ValueDefinition
            && previous.Status == point.Status && previous.Priority == point.Priority && previous.LastUpdate == point.LastUpdate;
        var fresh = new PointState(point.Name, point.Value?.Text, point.Value?.Unit ?? previous?.Unit, point.ValueDefinition, point.Status,
            point.Priority, point.LastUpdate, now, origin);
        switch (origin)
        {
            case SampleOrigin.Push when sameReading && previous!.Delivery == PointDelivery.Push:
                return default; // a duplicate delivery (e.g. re-sent after a reconnect): applied once
            case SampleOrigin.Push when sameReading:
                return new PointMerge(previous! with { ReceivedAt = now, Delivery = PointDelivery.Push, FreshFor = pushedFreshFor }, false, false);
            case SampleOrigin.Push:
                return new PointMerge(fresh with { Delivery = PointDelivery.Push, FreshFor = pushedFreshFor }, true, false);
            case SampleOrigin.Poll when previous?.Delivery == PointDelivery.Push && (sameReading || (point.LastUpdate is not null && point.LastUpdate == previous.LastUpdate)):
                return new PointMerge(previous with { ReceivedAt = now }, false, false); // the safety poll confirms the binding
            case SampleOrigin.Poll when previous?.Delivery == PointDelivery.Push:
                return new PointMerge(fresh, true, true); // the device moved on and the binding did not say so
            case SampleOrigin.Poll:
                return new PointMerge(fresh, !sameReading, false);
            default:
                // A write's read-back is always history; the point keeps its delivery.
                return new PointMerge(fresh with { Delivery = previous?.Delivery ?? PointDelivery.Poll, FreshFor = previous?.FreshFor }, true, false);
        }
    }

    private static Sample SampleOf(int deviceId, PointState state, DateTimeOffset now) => new()
    {
        DeviceId = deviceId,
        PointName = state.Name,
        Timestamp = state.LastUpdate ?? now,
        Value = state.Value ?? "",
        Numeric = state.Numeric,
        ValueDefinition = state.ValueDefinition,
        Status = state.Status,
        Priority = state.Priority,
        Origin = state.Origin,
    };

    internal readonly record struct PointMerge(PointState? State, bool IsNewReading, bool BindingMissedUpdate);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Jid} changed {Point} without pushing it: its Web connection seems silent; the point is polled again")]
        public static partial void BindingSilent(ILogger logger, Jid jid, string point);

        [LoggerMessage(2, LogLevel.Warning, "{Jid} is new and the database will not store it yet; its values are shown but not kept as history: {Reason}")]
        public static partial void SamplesNotStored(ILogger logger, Jid jid, string reason);
    }
}
