using System.Collections.Concurrent;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;

namespace Dashboard.Web.Hub;

/// <summary>A point a device listed: its name and how its value is formatted.</summary>
public sealed record ListedPoint(string Name, string? LonFormat, string? Unit);

/// <summary>
/// The points each device listed when it was discovered (List), by name. The poller reads these; a pushed
/// Write is checked against them, so a device cannot push points it never had.
/// </summary>
public sealed class PointCatalog
{
    private readonly ConcurrentDictionary<Jid, IReadOnlyDictionary<string, ListedPoint>> _listed = new();
    private readonly ConcurrentDictionary<Jid, TaskCompletionSource<IReadOnlyDictionary<string, ListedPoint>>> _waiting = new();

    /// <summary>Someone needs a device's points that are not listed yet: discover it now.</summary>
    public event EventHandler<Jid>? ListingWanted;

    public IReadOnlyDictionary<string, ListedPoint>? Find(Jid device) => _listed.GetValueOrDefault(device.Bare);

    public IReadOnlyDictionary<string, ListedPoint> SetListed(Jid device, IEnumerable<DataPoint> items)
    {
        var listed = items.Where(i => !i.IsFaulted)
            .GroupBy(i => i.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new ListedPoint(g.Key, g.First().Value?.LonFormat, g.First().Value?.Unit), StringComparer.Ordinal);
        _listed[device.Bare] = listed;
        if (_waiting.TryRemove(device.Bare, out var waiter))
        {
            waiter.TrySetResult(listed);
        }

        return listed;
    }

    /// <summary>The device's points, asking for a discovery and waiting up to <paramref name="timeout"/>; null if it did not come.</summary>
    public async Task<IReadOnlyDictionary<string, ListedPoint>?> WaitAsync(Jid device, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var waiter = _waiting.GetOrAdd(device.Bare, _ => new TaskCompletionSource<IReadOnlyDictionary<string, ListedPoint>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Find(device) is { } listed)
        {
            return listed; // listed between the caller's look-up and the wait
        }

        ListingWanted?.Invoke(this, device.Bare);
        try
        {
            return await waiter.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
