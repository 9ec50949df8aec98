using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Live;

/// <summary>Typed messages the dashboard pushes to non-Blazor clients (scripts, other displays).</summary>
public interface ILiveClient
{
    Task PresenceChanged(DevicePresenceMessage message);

    Task PointsUpdated(PointsUpdatedMessage message);

    Task SoapExchangeCompleted(SoapExchangeMessage message);

    Task AlarmChanged(AlarmMessage message);

    Task ConnectionChanged(ConnectionMessage message);

    /// <summary>An audit entry was written; sent to Admins only (<see cref="Logs.AuditAudience"/>).</summary>
    Task AuditEntryAdded(AuditEntryMessage message);
}

public sealed record DevicePresenceMessage(string Jid, string Name, string Availability, bool Online, DateTimeOffset? Since);

/// <summary>One point's value; <see cref="Delivery"/> says whether the SmartServer pushes it or the dashboard polls it.</summary>
public sealed record PointValueMessage(string Name, string? Value, string? Unit, string? ValueDefinition, string? Status, int? Priority,
    DateTimeOffset? LastUpdate, string Quality, string Delivery = "Poll");

public sealed record PointsUpdatedMessage(string Jid, IReadOnlyList<PointValueMessage> Points);

public sealed record SoapExchangeMessage(string Jid, string Operation);

public sealed record AlarmMessage(string Jid, string? Detail);

public sealed record ConnectionMessage(string State);

public sealed record AuditEntryMessage(long Id, DateTimeOffset At, string User, string Action, string Target, bool Allowed, string? Details);

/// <summary>
/// The SignalR endpoint at /hubs/live: clients only listen; everything they get is pushed. Each open
/// connection is registered so its sign-in is re-checked while it stays open.
/// </summary>
public sealed class LiveHub(LiveConnections connections, Logs.AuditAudience auditAudience) : Hub<ILiveClient>
{
    public override async Task OnConnectedAsync()
    {
        connections.Add(Context);
        if (await auditAudience.MayFollowAsync(Context.User).ConfigureAwait(false))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Logs.AuditAudience.Group).ConfigureAwait(false);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
