using System.Collections.Immutable;
using Dashboard.Xmpp;

namespace Dashboard.Web.Hub;

/// <summary>What the dashboard knows of one SmartServer right now. Immutable: a change is a new instance.</summary>
public sealed record DeviceState(
    Jid Jid,
    string Name,
    string? Site,
    string? Area,
    PresenceAvailability Availability,
    DateTimeOffset? PresenceSince,
    ImmutableDictionary<string, PointState> Points,
    DateTimeOffset? LastPolledAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    string? Resource = null,
    int ConsecutiveFailures = 0)
{
    /// <summary>Where requests go: the device's full JID (its online resource), or null while offline.</summary>
    public Jid? Address => Resource is null ? null : Jid.WithResource(Resource);

    public static DeviceState Create(Jid jid, string name, string? site = null, string? area = null) =>
        new(jid.Bare, name, site, area, PresenceAvailability.Unavailable, null,
            ImmutableDictionary<string, PointState>.Empty.WithComparers(StringComparer.Ordinal), null, null, null);

    public bool IsOnline => Availability is not (PresenceAvailability.Unavailable or PresenceAvailability.Error);

    /// <summary>True when the last request to the device failed and no success came after it.</summary>
    public bool IsFaulted => LastErrorAt is { } failed && (LastPolledAt is null || failed >= LastPolledAt);

    /// <summary>The quality of one point, derived: offline beats fault beats stale beats good.</summary>
    public PointQuality QualityOf(PointState? point, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (!IsOnline)
        {
            return PointQuality.Offline;
        }

        if (IsFaulted)
        {
            return PointQuality.Fault;
        }

        if (point is null)
        {
            return PointQuality.Unknown;
        }

        return IsStale(point, now, staleAfter) ? PointQuality.Stale : PointQuality.Good;
    }

    /// <summary>The device's overall quality: its worst point, or Unknown before the first read.</summary>
    public PointQuality Quality(DateTimeOffset now, TimeSpan staleAfter)
    {
        if (!IsOnline)
        {
            return PointQuality.Offline;
        }

        if (IsFaulted)
        {
            return PointQuality.Fault;
        }

        if (Points.IsEmpty)
        {
            return PointQuality.Unknown;
        }

        return Points.Values.Any(p => IsStale(p, now, staleAfter)) ? PointQuality.Stale : PointQuality.Good;
    }

    /// <summary>How values reach the dashboard: Push when every point is pushed, Poll when none is, Mixed otherwise.</summary>
    public DeviceDelivery Delivery => Points.IsEmpty ? DeviceDelivery.Poll
        : Points.Values.All(p => p.Delivery == PointDelivery.Push) ? DeviceDelivery.Push
        : Points.Values.Any(p => p.Delivery == PointDelivery.Push) ? DeviceDelivery.Mixed
        : DeviceDelivery.Poll;

    private static bool IsStale(PointState point, DateTimeOffset now, TimeSpan staleAfter) => now - point.ReceivedAt > (point.FreshFor ?? staleAfter);
}
