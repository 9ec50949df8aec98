using System.Xml.Linq;

namespace Dashboard.Xmpp.Soap;

/// <summary>The SOAP versions a SmartServer peer may speak.</summary>
public enum SoapVersion
{
    /// <summary>SOAP 1.2, what XEP-0072 specifies.</summary>
    Soap12,

    /// <summary>SOAP 1.1, what the SmartServer's own web service (and its WebBinder) sends.</summary>
    Soap11,
}

/// <summary>Namespaces and disco values of SOAP over XMPP (XEP-0072).</summary>
public static class SoapNamespaces
{
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>The XMPP error extension that names the SOAP fault code.</summary>
    public static readonly XNamespace Fault = "http://jabber.org/protocol/soap#fault";

    /// <summary>The disco#info feature of an entity that speaks SOAP over XMPP.</summary>
    public const string DiscoFeature = "http://jabber.org/protocol/soap";

    /// <summary>The disco#info identity of a SOAP endpoint: category and type.</summary>
    public const string IdentityCategory = "automation";

    public const string IdentityType = "soap";

    public static XNamespace Of(SoapVersion version) => version == SoapVersion.Soap12 ? Soap12 : Soap11;
}
