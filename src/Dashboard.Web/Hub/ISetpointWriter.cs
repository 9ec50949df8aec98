using System.Security.Claims;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;

namespace Dashboard.Web.Hub;

/// <summary>Writes a setpoint and reports how it ended; <see cref="DeviceCommands"/> is the implementation the app uses.</summary>
public interface ISetpointWriter
{
    Task<WriteOutcome> WriteAsync(Jid device, PointWrite write, ClaimsPrincipal requester, CancellationToken cancellationToken);
}
