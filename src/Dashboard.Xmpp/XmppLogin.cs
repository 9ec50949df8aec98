using System.Threading.Channels;
using System.Xml.Linq;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp;

/// <summary>
/// The steps from an open transport to a bound resource (RFC 6120 §6–7): SASL, stream restart, bind and,
/// for servers that still require it, the legacy session. Stanzas that arrive meanwhile are kept for
/// the client's dispatcher, in order.
/// </summary>
internal sealed class XmppLogin(IXmppTransport transport, XmppClientOptions options, Action<XmppConnectionState> reportState)
{
    private readonly List<XElement> _early = [];

    /// <summary>Stanzas received during login that were not part of it, in arrival order.</summary>
    public IReadOnlyList<XElement> EarlyStanzas => _early;

    /// <summary>The SASL mechanism the login used.</summary>
    public string? Mechanism { get; private set; }

    public async Task<Jid> RunAsync(CancellationToken cancellationToken)
    {
        var features = await transport.OpenAsync(options.Jid.Domain, cancellationToken).ConfigureAwait(false);
        reportState(XmppConnectionState.Authenticating);
        await AuthenticateAsync(features, cancellationToken).ConfigureAwait(false);

        features = await transport.RestartAsync(cancellationToken).ConfigureAwait(false);
        reportState(XmppConnectionState.Binding);
        var bound = await BindAsync(features, cancellationToken).ConfigureAwait(false);
        if (features.Element(XmppNamespaces.Session + "session") is { } session
            && session.Element(XmppNamespaces.Session + "optional") is null)
        {
            await IqAsync(new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "set"),
                new XElement(XmppNamespaces.Session + "session")), cancellationToken).ConfigureAwait(false);
        }

        return bound;
    }

    private async Task AuthenticateAsync(XElement features, CancellationToken cancellationToken)
    {
        var offered = features.Element(XmppNamespaces.Sasl + "mechanisms")?
            .Elements(XmppNamespaces.Sasl + "mechanism").Select(m => m.Value.Trim()).ToArray() ?? [];
        var mechanism = SaslMechanismFactory.Create(
            SaslMechanismSelector.Select(offered, options.Sasl, transport.IsSecure), options.Jid, options.Password);
        Mechanism = mechanism.Name;

        var initial = mechanism.InitialResponse();
        transport.Send(new XElement(XmppNamespaces.Sasl + "auth", new XAttribute("mechanism", mechanism.Name),
            initial is null ? null : Encode(initial)));

        while (true)
        {
            var element = await NextAsync(e => e.Name.Namespace == XmppNamespaces.Sasl, cancellationToken).ConfigureAwait(false);
            switch (element.Name.LocalName)
            {
                case "challenge":
                    transport.Send(new XElement(XmppNamespaces.Sasl + "response",
                        Encode(mechanism.EvaluateChallenge(Decode(element.Value)))));
                    break;
                case "success":
                    mechanism.VerifySuccess(Decode(element.Value));
                    return;
                case "failure":
                    var condition = element.Elements().FirstOrDefault(e => e.Name.LocalName != "text")?.Name.LocalName ?? "not-authorized";
                    throw new XmppAuthenticationException(mechanism.Name, condition,
                        (string?)element.Element(XmppNamespaces.Sasl + "text"));
                default:
                    throw new XmppProtocolException($"Unexpected SASL element <{element.Name.LocalName}/>.");
            }
        }
    }

    private async Task<Jid> BindAsync(XElement features, CancellationToken cancellationToken)
    {
        if (features.Element(XmppNamespaces.Bind + "bind") is null)
        {
            throw new XmppProtocolException("The server offered no resource binding after authentication.");
        }

        var resource = options.Resource ?? options.Jid.Resource;
        var request = new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "set"),
            new XElement(XmppNamespaces.Bind + "bind",
                resource is null ? null : new XElement(XmppNamespaces.Bind + "resource", resource)));
        var result = await IqAsync(request, cancellationToken).ConfigureAwait(false);
        var jid = (string?)result.Element(XmppNamespaces.Bind + "bind")?.Element(XmppNamespaces.Bind + "jid")
            ?? throw new XmppProtocolException("The bind result carries no JID.");
        return Jid.Parse(jid);
    }

    /// <summary>Sends an IQ and waits for the reply with its id; other stanzas are kept, not dropped.</summary>
    private async Task<XElement> IqAsync(XElement iq, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        iq.SetAttributeValue("id", id);
        transport.Send(iq);
        var reply = await NextAsync(e => e.Name.LocalName == "iq" && (string?)e.Attribute("id") == id, cancellationToken)
            .ConfigureAwait(false);
        if ((string?)reply.Attribute("type") == "error")
        {
            var error = reply.Element(XmppNamespaces.Client + "error");
            throw new StanzaErrorException(
                error is null ? new StanzaError("cancel", "undefined-condition", null, null, null) : StanzaError.Parse(error), reply);
        }

        return reply;
    }

    private async Task<XElement> NextAsync(Func<XElement, bool> wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            XElement element;
            try
            {
                element = await transport.Incoming.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException closed)
            {
                throw new XmppDisconnectedException("The session closed during login.", closed.InnerException);
            }

            if (element.Name == XmppNamespaces.Streams + "error")
            {
                throw StreamErrors.Parse(element);
            }

            if (wanted(element))
            {
                return element;
            }

            _early.Add(element);
        }
    }

    private static string Encode(byte[] data) => data.Length == 0 ? "=" : Convert.ToBase64String(data);

    private static byte[] Decode(string text)
    {
        text = text.Trim();
        try
        {
            return text is "" or "=" ? [] : Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new XmppProtocolException("The server sent SASL data that is not base64.", e);
        }
    }
}
