using System.Collections.Concurrent;
using System.Security.Claims;
using Dashboard.Web.Alarms;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hub;

/// <summary>
/// Raises, clears and acknowledges alarms from point status, with the ISA-18.2 states: Active-Unack →
/// (ack) Active-Ack → (clear) Cleared-Ack, or Active-Unack → (clear) Cleared-Unack → (ack) Cleared-Ack.
/// An alarm is closed once cleared and acknowledged. Every step is an append-only <see cref="AlarmEvent"/>. Each condition is an
/// alarm of its own: a point going from its first to its second limit clears the first alarm and raises the second.
/// </summary>
public sealed partial class AlarmTracker(IDbContextFactory<DashboardDbContext> contexts, DeviceIds deviceIds, LiveUpdates live,
    ActionGuard guard, TimeProvider time, ILogger<AlarmTracker> logger)
{
    private readonly ConcurrentDictionary<(Jid Device, string Point), OpenAlarm> _open = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _loaded;

    /// <summary>Alarms not yet closed (active, or cleared but unacknowledged), newest first.</summary>
    public async Task<IReadOnlyList<Alarm>> OpenAlarmsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Alarms.AsNoTracking().Where(a => a.State != AlarmState.ClearedAcknowledged)
            .OrderByDescending(a => a.RaisedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compares fresh point statuses with the open alarms: raises new ones, clears those back to normal.</summary>
    public async Task EvaluateAsync(DeviceState device, IEnumerable<PointState> points, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadOpenAlarmsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var point in points)
            {
                var key = (device.Jid, point.Name);
                var open = _open.TryGetValue(key, out var current);
                if (open && (!point.IsAlarm || !string.Equals(current.Condition, point.Status, StringComparison.Ordinal)))
                {
                    await TransitionAsync(current.Id, clear: true, user: null, comment: null, cancellationToken).ConfigureAwait(false);
                    open = false;
                }

                if (point.IsAlarm && !open)
                {
                    _open[key] = new OpenAlarm(await RaiseAsync(device, point, cancellationToken).ConfigureAwait(false), point.Status!);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Acknowledges an alarm for <paramref name="requester"/>, who must be an Operator or Admin; returns false when
    /// it is unknown or already acknowledged.
    /// </summary>
    public async Task<bool> AcknowledgeAsync(long alarmId, ClaimsPrincipal requester, string? comment, CancellationToken cancellationToken)
    {
        var user = await guard.DemandAsync(requester, DashboardPolicies.Operate, "alarm.acknowledge", $"alarm {alarmId}").ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await TransitionAsync(alarmId, clear: false, user, comment, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The most alarms one bulk acknowledgement takes.</summary>
    public const int MaxBulkAcknowledge = 1000;

    /// <summary>The longest acknowledgement comment kept.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>
    /// Acknowledges several alarms at once with one comment, for <paramref name="requester"/>, who must be an Operator or
    /// Admin. All or nothing: one transaction. Returns how many were acknowledged (unknown or already acknowledged ones are
    /// skipped).
    /// </summary>
    public async Task<int> AcknowledgeManyAsync(IReadOnlyCollection<long> alarmIds, ClaimsPrincipal requester, string? comment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarmIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(alarmIds.Count, MaxBulkAcknowledge, nameof(alarmIds));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(comment?.Length ?? 0, MaxCommentLength, nameof(comment));
        var target = alarmIds.Count == 1 ? $"alarm {alarmIds.First()}" : $"{alarmIds.Count} alarms";
        var user = await guard.DemandAsync(requester, DashboardPolicies.Operate, "alarm.acknowledge", target).ConfigureAwait(false);
        if (alarmIds.Count == 0)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ids = alarmIds.Distinct().ToArray();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var alarms = await db.Alarms
                .Where(a => ids.Contains(a.Id) && (a.State == AlarmState.ActiveUnacknowledged || a.State == AlarmState.ClearedUnacknowledged))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            foreach (var alarm in alarms)
            {
                alarm.State = alarm.State == AlarmState.ActiveUnacknowledged ? AlarmState.ActiveAcknowledged : AlarmState.ClearedAcknowledged;
                alarm.AcknowledgedAt = now;
                alarm.AcknowledgedBy = user;
                alarm.AcknowledgeComment = comment;
                db.AlarmEvents.Add(new AlarmEvent { AlarmId = alarm.Id, State = alarm.State, At = now, User = user, Comment = comment });
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var alarm in alarms)
            {
                live.Publish(new LiveChange(LiveChangeKind.Alarm, null, alarm.PointName));
            }

            return alarms.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After a restart, alarms still active in the database are the ones to clear, not to raise again.</summary>
    private async Task LoadOpenAlarmsAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var active = await db.Alarms.AsNoTracking()
            .Where(a => a.State == AlarmState.ActiveUnacknowledged || a.State == AlarmState.ActiveAcknowledged)
            .Join(db.Devices, a => a.DeviceId, d => d.Id, (a, d) => new { a.Id, d.Jid, a.PointName, a.Condition })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var alarm in active)
        {
            if (Jid.TryParse(alarm.Jid, out var jid))
            {
                _open[(jid, alarm.PointName)] = new OpenAlarm(alarm.Id, alarm.Condition);
            }
        }

        _loaded = true;
    }

    private async Task<long> RaiseAsync(DeviceState device, PointState point, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var alarm = new Alarm
        {
            DeviceId = await deviceIds.GetAsync(device.Jid, device.Name, cancellationToken).ConfigureAwait(false),
            PointName = point.Name,
            Condition = point.Status!,
            Severity = PointStatusSeverity.Of(point.Status!),
            State = AlarmState.ActiveUnacknowledged,
            RaisedAt = point.LastUpdate ?? now,
        };
        db.Alarms.Add(alarm);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.AlarmEvents.Add(new AlarmEvent { AlarmId = alarm.Id, State = alarm.State, At = alarm.RaisedAt });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Log.Raised(logger, device.Jid, point.Name, point.Status!, alarm.Severity);
        live.Publish(new LiveChange(LiveChangeKind.Alarm, device.Jid.ToString(), point.Name));
        return alarm.Id;
    }

    private async Task<bool> TransitionAsync(long alarmId, bool clear, string? user, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var alarm = await db.Alarms.FirstOrDefaultAsync(a => a.Id == alarmId, cancellationToken).ConfigureAwait(false);
        if (alarm is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var next = (alarm.State, clear) switch
        {
            (AlarmState.ActiveUnacknowledged, true) => AlarmState.ClearedUnacknowledged,
            (AlarmState.ActiveAcknowledged, true) => AlarmState.ClearedAcknowledged,
            (AlarmState.ActiveUnacknowledged, false) => AlarmState.ActiveAcknowledged,
            (AlarmState.ClearedUnacknowledged, false) => AlarmState.ClearedAcknowledged,
            _ => alarm.State,
        };
        if (next == alarm.State)
        {
            return false;
        }

        alarm.State = next;
        if (clear)
        {
            alarm.ClearedAt = now;
            foreach (var key in _open.Where(o => o.Value.Id == alarmId).Select(o => o.Key).ToArray())
            {
                _open.TryRemove(key, out _);
            }
        }
        else
        {
            alarm.AcknowledgedAt = now;
            alarm.AcknowledgedBy = user;
            alarm.AcknowledgeComment = comment;
        }

        db.AlarmEvents.Add(new AlarmEvent { AlarmId = alarm.Id, State = next, At = now, User = user, Comment = comment });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        live.Publish(new LiveChange(LiveChangeKind.Alarm, null, alarm.PointName));
        return true;
    }

    /// <summary>The active alarm of a point and the condition that raised it.</summary>
    private readonly record struct OpenAlarm(long Id, string Condition);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Alarm on {Jid} {Point}: {Condition} ({Severity})")]
        public static partial void Raised(ILogger logger, Jid jid, string point, string condition, AlarmSeverity severity);
    }
}
