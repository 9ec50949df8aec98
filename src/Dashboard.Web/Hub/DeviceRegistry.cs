using System.Collections.Concurrent;
using Dashboard.Web.Live;
using Dashboard.Xmpp;

namespace Dashboard.Web.Hub;

/// <summary>
/// The in-memory truth the UI shows: every known device and its latest state. Updates replace a device's
/// immutable state atomically and publish one change; readers never see a half-applied update.
/// </summary>
public sealed class DeviceRegistry(LiveUpdates live)
{
    private readonly ConcurrentDictionary<Jid, DeviceState> _devices = new();

    public IReadOnlyCollection<DeviceState> Devices => _devices.Values.ToArray();

    public int Count => _devices.Count;

    public DeviceState? Find(Jid jid) => _devices.GetValueOrDefault(jid.Bare);

    /// <summary>Adds a device, or renames it if known; returns its state.</summary>
    public DeviceState AddOrUpdate(Jid jid, string name, string? site = null, string? area = null)
    {
        var state = _devices.AddOrUpdate(jid.Bare,
            _ => DeviceState.Create(jid, name, site, area),
            (_, existing) => existing with { Name = name, Site = site ?? existing.Site, Area = area ?? existing.Area });
        live.Publish(new LiveChange(LiveChangeKind.Presence, state.Jid.ToString()));
        return state;
    }

    public bool Remove(Jid jid)
    {
        var removed = _devices.TryRemove(jid.Bare, out _);
        if (removed)
        {
            live.Publish(new LiveChange(LiveChangeKind.Presence, jid.Bare.ToString()));
        }

        return removed;
    }

    /// <summary>Applies <paramref name="change"/> to a known device; returns the new state, or null if unknown.</summary>
    public DeviceState? Update(Jid jid, Func<DeviceState, DeviceState> change, LiveChangeKind kind, string? detail = null)
    {
        while (_devices.TryGetValue(jid.Bare, out var current))
        {
            var next = change(current);
            if (ReferenceEquals(next, current))
            {
                return current;
            }

            if (_devices.TryUpdate(jid.Bare, next, current))
            {
                live.Publish(new LiveChange(kind, next.Jid.ToString(), detail));
                return next;
            }
        }

        return null;
    }
}
