using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Xmpp.Soap;

/// <summary>
/// Lets an XMPP client answer SOAP requests (XEP-0072). The answer's envelope is in the request's SOAP
/// version. A thrown <see cref="SoapFault"/> is sent as a fault; a malformed envelope gets a Sender fault;
/// any other exception a Receiver fault that reveals nothing of it.
/// </summary>
public sealed partial class SoapRequestHandler(
    Func<SoapRequestContext, CancellationToken, Task<SoapEnvelope>> answer, ILogger<SoapRequestHandler>? logger = null) : IIqHandler
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public bool CanHandle(XElement iq) =>
        (string?)iq.Attribute("type") == "set" && iq.Elements().FirstOrDefault()?.Name.LocalName == "Envelope";

    public async Task<XElement> HandleAsync(XElement iq, CancellationToken cancellationToken)
    {
        var payload = iq.Elements().First();
        var version = payload.Name.Namespace == SoapNamespaces.Soap11 ? SoapVersion.Soap11 : SoapVersion.Soap12;
        try
        {
            var from = Jid.Parse((string?)iq.Attribute("from") ?? throw new SoapFault(SoapFaultCode.Sender, "The request has no sender."));
            var envelope = SoapEnvelope.Parse(payload);
            var response = await answer(new SoapRequestContext(from, envelope, iq), cancellationToken).ConfigureAwait(false);
            return SoapIq.Result(iq, response);
        }
        catch (SoapFault fault)
        {
            Log.Faulted(_logger, (string?)iq.Attribute("from"), fault.Code, fault.Reason);
            return SoapIq.Fault(iq, fault, version);
        }
        catch (Exception e) when (e is SoapFormatException or JidFormatException)
        {
            Log.Malformed(_logger, (string?)iq.Attribute("from"), e.Message);
            return SoapIq.Fault(iq, new SoapFault(SoapFaultCode.Sender, e.Message), version);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Failed(_logger, (string?)iq.Attribute("from"), e);
            return SoapIq.Fault(iq, new SoapFault(SoapFaultCode.Receiver, "The request could not be processed."), version);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SOAP request from {From} answered with a {Code} fault: {Reason}")]
        public static partial void Faulted(ILogger logger, string? from, SoapFaultCode code, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Malformed SOAP request from {From}: {Reason}")]
        public static partial void Malformed(ILogger logger, string? from, string reason);

        [LoggerMessage(3, LogLevel.Error, "Answering a SOAP request from {From} failed")]
        public static partial void Failed(ILogger logger, string? from, Exception error);
    }
}
