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

    /// <summary>Raised after every call, successful or not.</summary>
    public event EventHandler<SoapExchangeEventArgs>? Completed;

    public async Task<SoapEnvelope> CallAsync(Jid to, SoapEnvelope request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var iq = SoapIq.Request(to, request);
        var text = iq.ToString(SaveOptions.DisableFormatting);
        if (text.Length > _options.MaxEnvelopeChars)
        {
            throw new SoapFormatException(SoapFormatReason.TooLarge,
                $"The {request.Operation} envelope has {text.Length} characters; the cap is {_options.MaxEnvelopeChars}. It was not sent.");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        XElement? reply = null;
        try
        {
            try
            {
                reply = await requester.RequestAsync(iq, timeout ?? _options.DefaultTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (StanzaErrorException e) when (SoapIq.FaultOf(e.Stanza) is { } fault)
            {
                reply = e.Stanza;
                throw fault;
            }

            var response = SoapEnvelope.Parse(reply.Elements().FirstOrDefault());
            var result = SoapFault.FromEnvelope(response) is { } inResult ? throw inResult : response;
            Report(to, request, iq, reply, null, started);
            return result;
        }
        catch (Exception e)
        {
            Report(to, request, iq, reply, e, started);
            throw;
        }
    }

    private void Report(Jid to, SoapEnvelope request, XElement iq, XElement? reply, Exception? error, long started)
    {
        if (Completed is { } completed)
        {
            completed(this, new SoapExchangeEventArgs(to, request.Operation, (string?)iq.Attribute("id"),
                request.ToXml().ToString(SaveOptions.DisableFormatting), reply?.Elements().FirstOrDefault()?.ToString(SaveOptions.DisableFormatting),
                error, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
        }
    }
}
