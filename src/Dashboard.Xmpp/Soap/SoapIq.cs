using System.Xml.Linq;

namespace Dashboard.Xmpp.Soap;

/// <summary>
/// XEP-0072's binding: a request is an IQ set whose only child is the envelope, a response an IQ result,
/// and a fault an IQ error that carries the fault envelope and an XMPP error naming the SOAP fault code.
/// </summary>
public static class SoapIq
{
    public static XElement Request(Jid to, SoapEnvelope envelope) =>
        new(XmppNamespaces.Client + "iq", new XAttribute("type", "set"), new XAttribute("to", to), envelope.ToXml());

    public static XElement Result(XElement request, SoapEnvelope envelope) =>
        Reply(request, "result", envelope.ToXml());

    /// <summary>The fault answer: the fault envelope, then the XMPP error with the soap#fault condition.</summary>
    public static XElement Fault(XElement request, SoapFault fault, SoapVersion version) =>
        Reply(request, "error", fault.ToEnvelope(version).ToXml(), ErrorFor(fault.Code).ToXml());

    /// <summary>The XMPP error that stands for a SOAP fault code (Sender 400/modify, the others 500).</summary>
    public static StanzaError ErrorFor(SoapFaultCode code) => code switch
    {
        SoapFaultCode.Sender => new StanzaError("modify", "undefined-condition", null, 400, new XElement(SoapNamespaces.Fault + "Sender")),
        SoapFaultCode.Receiver => new StanzaError("wait", "undefined-condition", null, 500, new XElement(SoapNamespaces.Fault + "Receiver")),
        _ => new StanzaError("modify", "undefined-condition", null, 500, new XElement(SoapNamespaces.Fault + code.ToString())),
    };

    /// <summary>
    /// Reads an IQ error reply: the SOAP fault it carries (from its fault envelope, else from the soap#fault
    /// condition), or null when it is a plain XMPP error (a transport failure).
    /// </summary>
    public static SoapFault? FaultOf(XElement errorReply)
    {
        if (errorReply.Elements().FirstOrDefault(e => e.Name.LocalName == "Envelope") is { } envelope)
        {
            var parsed = SoapEnvelope.Parse(envelope);
            if (SoapFault.FromEnvelope(parsed) is { } fault)
            {
                return fault;
            }
        }

        var condition = errorReply.Element(XmppNamespaces.Client + "error")?.Elements().FirstOrDefault(e => e.Name.Namespace == SoapNamespaces.Fault);
        return condition is null ? null
            : new SoapFault(SoapFault.ParseCode(condition.Name.LocalName), "The peer reported a SOAP fault without an envelope.");
    }

    private static XElement Reply(XElement request, string type, params object?[] content) =>
        new(XmppNamespaces.Client + "iq", new XAttribute("type", type), new XAttribute("id", (string?)request.Attribute("id") ?? ""),
            (string?)request.Attribute("from") is { } from ? new XAttribute("to", from) : null, content);
}
