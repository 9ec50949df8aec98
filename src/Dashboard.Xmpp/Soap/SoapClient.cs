using System.Xml.Linq;

namespace Dashboard.Xmpp.Soap;

/// <summary>
/// Sends SOAP requests to XMPP entities and returns their response envelopes. A SOAP fault becomes a
/// <see cref="SoapFault"/>; a transport failure stays a <see cref="StanzaErrorException"/>; no answer in
/// time is an <see cref="XmppTimeoutException"/>; an answer that is not a valid envelope a <see cref="SoapFormatException"/>.
/// </summary>
public sealed class SoapClient(IIqRequester requester, SoapOptions? options = null)
{
    private readonly SoapOptions _options = options ?? new SoapOptions();

    public async Task<SoapEnvelope> CallAsync(Jid to, SoapEnvelope request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var iq = SoapIq.Request(to, request);
        var size = iq.ToString(SaveOptions.DisableFormatting).Length;
        if (size > _options.MaxEnvelopeChars)
        {
            throw new SoapFormatException(SoapFormatReason.TooLarge,
                $"The {request.Operation} envelope has {size} characters; the cap is {_options.MaxEnvelopeChars}. It was not sent.");
        }

        XElement reply;
        try
        {
            reply = await requester.RequestAsync(iq, timeout ?? _options.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (StanzaErrorException e) when (SoapIq.FaultOf(e.Stanza) is { } fault)
        {
            throw fault;
        }

        var response = SoapEnvelope.Parse(reply.Elements().FirstOrDefault());
        return SoapFault.FromEnvelope(response) is { } inResult ? throw inResult : response;
    }
}
