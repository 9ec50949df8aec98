using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Live;

/// <summary>
/// The /hubs/live connections open right now, by connection id, so their sign-in can be checked again
/// while they stay open (see <see cref="LiveConnectionRevalidator"/>).
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    public void Add(HubCallerContext connection) => _open[connection.ConnectionId] = connection;

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    public IReadOnlyList<HubCallerContext> Snapshot() => [.. _open.Values];
}
