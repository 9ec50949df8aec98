using System.Xml.Linq;

namespace Dashboard.Xmpp.Soap;

/// <summary>The SOAP 1.2 fault codes (SOAP 1.1's Client and Server map to Sender and Receiver).</summary>
public enum SoapFaultCode
{
    Sender,
    Receiver,
    MustUnderstand,
    VersionMismatch,
    DataEncodingUnknown,
}

/// <summary>A SOAP fault from a peer, or one to send: code, optional subcode, reason text and detail.</summary>
public sealed class SoapFault(SoapFaultCode code, string reason, string? subcode = null, XElement? detail = null)
    : Exception($"SOAP fault {code}{(subcode is null ? "" : "/" + subcode)}: {reason}")
{
    public SoapFaultCode Code { get; } = code;

    public string? Subcode { get; } = subcode;

    public string Reason { get; } = reason;

    public XElement? Detail { get; } = detail;

    /// <summary>The fault as the body of an envelope of the given version.</summary>
    public SoapEnvelope ToEnvelope(SoapVersion version = SoapVersion.Soap12)
    {
        var env = SoapNamespaces.Of(version);
        XElement fault;
        if (version == SoapVersion.Soap12)
        {
            fault = new XElement(env + "Fault",
                new XElement(env + "Code", new XElement(env + "Value", "env:" + Code),
                    Subcode is null ? null : new XElement(env + "Subcode", new XElement(env + "Value", Subcode))),
                new XElement(env + "Reason", new XElement(env + "Text", new XAttribute(XNamespace.Xml + "lang", "en"), Reason)),
                Detail is null ? null : new XElement(env + "Detail", Detail));
        }
        else
        {
            var code11 = Code switch
            {
                SoapFaultCode.Sender => "Client",
                SoapFaultCode.Receiver => "Server",
                _ => Code.ToString(),
            };
            fault = new XElement(env + "Fault",
                new XElement("faultcode", "env:" + code11),
                new XElement("faultstring", Reason),
                Detail is null ? null : new XElement("detail", Detail));
        }

        return new SoapEnvelope(version, [], fault);
    }

    /// <summary>Reads a fault payload; returns null when the envelope is not a fault.</summary>
    public static SoapFault? FromEnvelope(SoapEnvelope envelope)
    {
        if (envelope.Payload.Name.LocalName != "Fault" || envelope.Payload.Name.Namespace != SoapNamespaces.Of(envelope.Version))
        {
            return null;
        }

        var env = SoapNamespaces.Of(envelope.Version);
        var fault = envelope.Payload;
        if (envelope.Version == SoapVersion.Soap12)
        {
            var value = fault.Element(env + "Code")?.Element(env + "Value")?.Value
                ?? throw new SoapFormatException(SoapFormatReason.FaultWithoutCode, "The Fault has no Code/Value.");
            var subcode = fault.Element(env + "Code")?.Element(env + "Subcode")?.Element(env + "Value")?.Value;
            var reason = fault.Element(env + "Reason")?.Elements(env + "Text").FirstOrDefault()?.Value ?? "";
            return new SoapFault(ParseCode(value), reason, subcode, fault.Element(env + "Detail")?.Elements().FirstOrDefault());
        }

        var code = (fault.Element("faultcode") ?? fault.Element(env + "faultcode"))?.Value
            ?? throw new SoapFormatException(SoapFormatReason.FaultWithoutCode, "The Fault has no faultcode.");
        var text = (fault.Element("faultstring") ?? fault.Element(env + "faultstring"))?.Value ?? "";
        return new SoapFault(ParseCode(code), text, null, (fault.Element("detail") ?? fault.Element(env + "detail"))?.Elements().FirstOrDefault());
    }

    /// <summary>A qualified code (<c>env:Sender</c>, <c>soap:Client</c>) to the enum; unknown codes count as Receiver.</summary>
    public static SoapFaultCode ParseCode(string qualified)
    {
        var local = qualified[(qualified.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        var dot = local.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            local = local[..dot]; // SOAP 1.1 dotted codes: Client.Authentication
        }

        return local switch
        {
            "Sender" or "Client" => SoapFaultCode.Sender,
            "MustUnderstand" => SoapFaultCode.MustUnderstand,
            "VersionMismatch" => SoapFaultCode.VersionMismatch,
            "DataEncodingUnknown" => SoapFaultCode.DataEncodingUnknown,
            _ => SoapFaultCode.Receiver,
        };
    }
}
