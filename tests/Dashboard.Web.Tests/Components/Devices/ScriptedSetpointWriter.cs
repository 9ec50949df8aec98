using System.Collections.Concurrent;
using System.Security.Claims;
using Dashboard.Web.Hub;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;

namespace Dashboard.Web.Tests.Components.Devices;

/// <summary>A setpoint writer whose writes stay pending until the test completes them, so the page's pending state can be seen.</summary>
public sealed class ScriptedSetpointWriter : ISetpointWriter
{
    private readonly ConcurrentQueue<(Jid Device, PointWrite Write, ClaimsPrincipal User, TaskCompletionSource<WriteOutcome> Outcome)> _writes = new();

    public IReadOnlyList<(Jid Device, PointWrite Write, ClaimsPrincipal User)> Writes => _writes.Select(w => (w.Device, w.Write, w.User)).ToArray();

    public Task<WriteOutcome> WriteAsync(Jid device, PointWrite write, ClaimsPrincipal requester, CancellationToken cancellationToken)
    {
        var outcome = new TaskCompletionSource<WriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _writes.Enqueue((device, write, requester, outcome));
        return outcome.Task;
    }

    public void Complete(WriteOutcome outcome) => Last().SetResult(outcome);

    public void Fail(Exception error) => Last().SetException(error);

    private TaskCompletionSource<WriteOutcome> Last() => _writes.Last().Outcome;
}
