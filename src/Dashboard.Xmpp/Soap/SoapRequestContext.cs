using System.Xml.Linq;

namespace Dashboard.Xmpp.Soap;

/// <summary>An incoming SOAP request: who sent it, the envelope, and the IQ that carried it.</summary>
public sealed record SoapRequestContext(Jid From, SoapEnvelope Envelope, XElement Iq);
