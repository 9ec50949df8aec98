using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Web.Settings;

/// <summary>Turns why a login failed into a sentence an Admin can act on: DNS, refused, HTTP, TLS, credentials.</summary>
public static class ConnectionFailure
{
    public static string Explain(Exception error, Uri url, string domain)
    {
        var endpoint = $"{url.Host}:{url.Port}";
        if (Find<HttpRequestException>(error) is { } http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => $"DNS: the host name '{url.Host}' could not be resolved. Check the BOSH URL.",
                HttpRequestError.SecureConnectionError => Tls(error, url),
                HttpRequestError.ConnectionError => Find<SocketException>(error)?.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => $"Connection refused by {endpoint}: nothing is listening there. Is the XMPP server running, and is the port right?",
                    SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable =>
                        $"{endpoint} is unreachable ({Find<SocketException>(error)!.SocketErrorCode}): a firewall, or the wrong address?",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"DNS: the host name '{url.Host}' could not be resolved. Check the BOSH URL.",
                    _ => $"Could not connect to {endpoint}: {http.Message}",
                },
                _ => $"The HTTP request to {url} failed: {http.Message}",
            };
        }

        if (Find<AuthenticationException>(error) is not null)
        {
            return Tls(error, url);
        }

        return error switch
        {
            BoshException { Condition: BoshCondition.ItemNotFound } =>
                $"HTTP 404 at {url}: no BOSH service at this path (Prosody serves /http-bind, ejabberd /bosh).",
            BoshException { Condition: BoshCondition.HttpError or BoshCondition.BadRequest or BoshCondition.PolicyViolation } bosh =>
                $"HTTP error from {url}: {bosh.Message} Is this the BOSH address of the XMPP server?",
            BoshException { Condition: BoshCondition.ProxyError } bosh =>
                $"{url} answered, but not as a BOSH connection manager: {bosh.Message}",
            BoshException { Condition: BoshCondition.HostUnknown } =>
                $"The server does not serve the domain '{domain}' (host-unknown): check the domain part of the JID.",
            BoshException { Condition: BoshCondition.NetworkFailure } bosh => $"No usable answer from {url}: {bosh.Message}",
            BoshException bosh => $"The BOSH connection manager ended the session: {bosh.Message}",
            XmppAuthenticationException { Condition: "not-authorized" } auth =>
                $"Not authorized: the server refused the JID or password (SASL {auth.Mechanism}). Check both; the account must exist on {domain}.",
            XmppAuthenticationException auth => $"The server refused the sign-in: {auth.Condition} (SASL {auth.Mechanism}).",
            SaslException { Reason: SaslFailureReason.MechanismNotAllowed } =>
                "The server offers only SASL PLAIN, which would send the password readable over plain HTTP: use an https:// URL, " +
                "or allow PLAIN over HTTP on a trusted network.",
            SaslException { Reason: SaslFailureReason.NoCommonMechanism } sasl => $"No common SASL mechanism: {sasl.Message}",
            SaslException { Reason: SaslFailureReason.ServerSignatureMismatch or SaslFailureReason.ServerSignatureMissing } =>
                "The server could not prove it knows the password (SCRAM server signature): this may not be the server you meant.",
            SaslException sasl => $"Sign-in failed: {sasl.Message}",
            XmppStreamErrorException stream => $"The server closed the stream: {stream.Condition}{(stream.Text is null ? "" : $" ({stream.Text})")}.",
            StanzaErrorException stanza => $"The server refused: {stanza.Error.Condition}{(stanza.Error.Text is null ? "" : $" ({stanza.Error.Text})")}.",
            XmppTimeoutException => "The server did not answer in time.",
            XmppDisconnectedException disconnected => disconnected.Message,
            OperationCanceledException => "The test was cancelled or took too long.",
            _ => error.Message,
        };
    }

    private static string Tls(Exception error, Uri url) =>
        $"TLS: the secure connection to {url.Host} failed ({Find<AuthenticationException>(error)?.Message ?? "handshake failed"}). " +
        "Is the certificate valid for this host name and trusted by this machine?";

    private static T? Find<T>(Exception? error) where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }
        }

        return null;
    }
}
