using Dashboard.Xmpp.Soap;

namespace Dashboard.Xmpp.SmartServer;

/// <summary>
/// The SmartServer data server over SOAP over XMPP: List, Read, Write, Get, Delete and the priority reset.
/// Faults come back typed: <see cref="SoapFault"/> for a refused call, <see cref="SmartServerItemFaultException"/>
/// for one item when the caller asked for a single one.
/// </summary>
public sealed class SmartServerClient(SoapClient soap, SoapVersion version = SoapVersion.Soap12)
{
    /// <summary>The items a device has (names and types), optionally filtered by an xSelect XPath.</summary>
    public Task<IReadOnlyList<DataPoint>> ListAsync(Jid device, string? xSelect = null, CancellationToken cancellationToken = default) =>
        CallAsync(device, "List", SmartServerMessages.List(xSelect), cancellationToken);

    /// <summary>Current values, status and priority of the named points.</summary>
    public Task<IReadOnlyList<DataPoint>> ReadAsync(Jid device, IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        CallAsync(device, "Read", SmartServerMessages.Read(names), cancellationToken);

    /// <summary>Reads one point; its per-item fault is thrown as <see cref="SmartServerItemFaultException"/>.</summary>
    public async Task<DataPoint> ReadOneAsync(Jid device, string name, CancellationToken cancellationToken = default)
    {
        var point = (await ReadAsync(device, [name], cancellationToken).ConfigureAwait(false)).SingleOrDefault(p => p.Name == name)
            ?? throw new SmartServerResponseException($"The ReadResponse does not mention {name}.");
        return point.Fault is { } fault ? throw new SmartServerItemFaultException(name, fault) : point;
    }

    public Task<IReadOnlyList<DataPoint>> GetAsync(Jid device, IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        CallAsync(device, "Get", SmartServerMessages.Get(names), cancellationToken);

    public Task<IReadOnlyList<DataPoint>> DeleteAsync(Jid device, IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        CallAsync(device, "Delete", SmartServerMessages.Delete(names), cancellationToken);

    /// <summary>Releases points written at a high priority back to 255 (Invoke, MET_RESET_PRIORITY).</summary>
    public Task<IReadOnlyList<DataPoint>> ResetPriorityAsync(Jid device, IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        CallAsync(device, "Invoke", SmartServerMessages.InvokeResetPriority(names), cancellationToken);

    /// <summary>Writes values at their priorities; the result lists accepted points and per-item faults.</summary>
    public async Task<WriteResult> WriteAsync(Jid device, IEnumerable<PointWrite> writes, CancellationToken cancellationToken = default)
    {
        var items = await CallAsync(device, "Write", SmartServerMessages.Write(writes), cancellationToken).ConfigureAwait(false);
        return new WriteResult(items.Where(i => !i.IsFaulted).Select(i => i.Name).ToArray(),
            items.Where(i => i.IsFaulted).ToDictionary(i => i.Name, i => i.Fault!, StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<DataPoint>> CallAsync(Jid device, string operation, System.Xml.Linq.XElement payload, CancellationToken cancellationToken)
    {
        var response = await soap.CallAsync(device, new SoapEnvelope(payload, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return SmartServerMessages.ParseItems(response.Payload, operation);
    }
}
