using Dashboard.Xmpp.Soap;

namespace Dashboard.Xmpp.SmartServer;

/// <summary>
/// The sending side of a Web connection: what a SmartServer's WebBinder does when a bound point updates.
/// Sends a Write with the points' values to a WebBinder target (a full JID) and reads its WriteResponse.
/// </summary>
public sealed class WebBinderClient(SoapClient soap, SoapVersion version = SoapVersion.Soap11)
{
    public async Task<WriteResult> WriteAsync(Jid target, IEnumerable<DataPoint> points, MessageProperties properties,
        CancellationToken cancellationToken = default)
    {
        var response = await soap.CallAsync(target, WebBinderMessages.Write(points, properties, version), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return WebBinderMessages.ParseWriteResponse(response.Payload);
    }
}
