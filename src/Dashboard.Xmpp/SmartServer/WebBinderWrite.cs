namespace Dashboard.Xmpp.SmartServer;

/// <summary>A Write a SmartServer's WebBinder sent: its <c>messageProperties</c> header and its items.</summary>
public sealed record WebBinderWrite(MessageProperties? Properties, IReadOnlyList<WebBinderItem> Items);

/// <summary>
/// One item of a WebBinder Write: the point update it carries, or the fault that keeps it from being used.
/// <see cref="Name"/> is null only when the item named no point.
/// </summary>
public sealed record WebBinderItem(string? Name, DataPoint? Point, ItemFault? Fault)
{
    public bool IsAccepted => Point is not null && Fault is null;

    public WebBinderItem Refused(ItemFaultCode code, string text) => this with { Fault = new ItemFault(code, text) };
}
