using Dashboard.Web.Data;
using System.Security.Claims;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;

namespace Dashboard.Web.Hub;

/// <summary>The outcome of a setpoint write, as confirmed by reading the point back.</summary>
public sealed record WriteOutcome(bool Applied, PointState Point, string Message);

/// <summary>
/// Writes setpoints to devices: validated, sent at the asked priority, confirmed by reading the point back,
/// and audited with who asked. Only an Operator or Admin may write; a refused or failed write changes nothing
/// on the dashboard's side.
/// </summary>
public sealed partial class DeviceCommands(XmppHub hub, DeviceRegistry registry, PointApplier applier, StoreWriter store,
    ActionGuard guard, TimeProvider time, ILogger<DeviceCommands> logger) : ISetpointWriter
{
    public async Task<WriteOutcome> WriteAsync(Jid device, PointWrite write, ClaimsPrincipal requester, CancellationToken cancellationToken)
    {
        var target = $"{device.Bare}#{write.Name}";
        var user = await guard.DemandAsync(requester, DashboardPolicies.Operate, "point.write", target).ConfigureAwait(false);
        write.Validated();
        var correlation = Guid.NewGuid().ToString("N");
        var state = registry.Find(device) ?? throw new InvalidOperationException($"{device.Bare} is not a known device.");
        if (hub.SmartServers is not { } smartServers || state.Address is not { } address)
        {
            Audit(user, target, $"refused: {device.Bare} is offline", correlation, allowed: true);
            throw new XmppDisconnectedException($"{state.Name} is offline; nothing was written.");
        }

        try
        {
            var result = await smartServers.WriteAsync(address, [write], cancellationToken).ConfigureAwait(false);
            if (result.Faults.TryGetValue(write.Name, out var fault))
            {
                throw new SmartServerItemFaultException(write.Name, fault);
            }

            var readBack = await smartServers.ReadOneAsync(address, write.Name, cancellationToken).ConfigureAwait(false);
            await applier.ApplyAsync(state, [readBack], SampleOrigin.Write, cancellationToken).ConfigureAwait(false);
            var applied = write.Value is null || readBack.Value?.Text == write.Value || NumericallyEqual(readBack, write.Value);
            var message = applied
                ? $"{write.Name} is now {readBack.Value?.Text} (priority {readBack.Priority})."
                : $"Accepted, but {write.Name} reads {readBack.Value?.Text}: a write at priority {readBack.Priority} holds it.";
            Audit(user, target, $"value={write.Value ?? write.ValueDefinition} priority={write.Priority}: {message}", correlation, allowed: true);
            Log.Written(logger, user, target, applied);
            return new WriteOutcome(applied, registry.Find(device)!.Points[write.Name], message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Audit(user, target, $"value={write.Value ?? write.ValueDefinition} priority={write.Priority}: failed: {e.Message}", correlation, allowed: true);
            throw;
        }
    }

    private static bool NumericallyEqual(DataPoint point, string requested) =>
        double.TryParse(requested, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var asked)
        && double.TryParse(point.Value?.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var read)
        && Math.Abs(asked - read) < 1e-6;

    private void Audit(string user, string target, string details, string correlation, bool allowed) =>
        store.Enqueue(new AuditEntry
        {
            At = time.GetUtcNow(),
            User = user,
            Action = "point.write",
            Target = target,
            Details = details,
            Allowed = allowed,
            CorrelationId = correlation,
        });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{User} wrote {Target} (applied: {Applied})")]
        public static partial void Written(ILogger logger, string user, string target, bool applied);
    }
}
