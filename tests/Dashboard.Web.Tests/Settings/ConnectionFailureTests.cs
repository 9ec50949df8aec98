using System.Net.Sockets;
using System.Security.Authentication;
using Dashboard.Web.Settings;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Web.Tests.Settings;

/// <summary>The reasons "Test connection" gives for the ways a login fails (as the BOSH transport wraps them).</summary>
public sealed class ConnectionFailureTests
{
    private static readonly Uri Url = new("https://xmpp.example.com:5281/http-bind");

    [Fact]
    public void Explain_NameNotResolved_SaysDns() =>
        Assert.StartsWith("DNS: the host name 'xmpp.example.com' could not be resolved",
            Explain(Network(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known", new SocketException((int)SocketError.HostNotFound)))),
            StringComparison.Ordinal);

    [Fact]
    public void Explain_ConnectionRefused_NamesHostAndPort() =>
        Assert.StartsWith("Connection refused by xmpp.example.com:5281",
            Explain(Network(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)))),
            StringComparison.Ordinal);

    [Fact]
    public void Explain_CertificateRejected_SaysTlsWithTheHandshakeError()
    {
        var reason = Explain(Network(new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"))));

        Assert.StartsWith("TLS: the secure connection to xmpp.example.com failed (The remote certificate is invalid", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Http404_SaysNoBoshServiceAtThisPath() =>
        Assert.StartsWith("HTTP 404 at https://xmpp.example.com:5281/http-bind",
            Explain(new BoshException(BoshCondition.ItemNotFound, "The connection manager no longer knows the session (HTTP 404).")), StringComparison.Ordinal);

    [Fact]
    public void Explain_OtherHttpStatus_SaysHttpError() =>
        Assert.StartsWith("HTTP error from", Explain(new BoshException(BoshCondition.HttpError, "Unexpected HTTP 401.")), StringComparison.Ordinal);

    [Fact]
    public void Explain_NotAuthorized_SaysCheckJidAndPassword() =>
        Assert.StartsWith("Not authorized: the server refused the JID or password (SASL SCRAM-SHA-1)",
            Explain(new XmppAuthenticationException("SCRAM-SHA-1", "not-authorized", null)), StringComparison.Ordinal);

    [Fact]
    public void Explain_PlainOnlyOverHttp_SaysUseHttpsOrAllowPlain() =>
        Assert.Contains("use an https:// URL",
            Explain(new SaslException(SaslFailureReason.MechanismNotAllowed, "only PLAIN")), StringComparison.Ordinal);

    [Fact]
    public void Explain_UnknownDomain_PointsAtTheJidsDomain() =>
        Assert.Contains("does not serve the domain 'example.com'",
            Explain(new BoshException(BoshCondition.HostUnknown, "host-unknown")), StringComparison.Ordinal);

    private static string Explain(Exception error) => ConnectionFailure.Explain(error, Url, "example.com");

    private static BoshException Network(HttpRequestException inner) => new(BoshCondition.NetworkFailure, inner.Message, inner) { IsTransient = true };
}
