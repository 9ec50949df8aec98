using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Integration.Tests.Servers;

/// <summary>
/// The bare minimum of BOSH by hand (session creation, empty polls), to check what a real server offers
/// independently of the project's own client library.
/// </summary>
internal sealed class RawBoshSession(Uri url, string domain) : IDisposable
{
    private static readonly XNamespace HttpBind = "http://jabber.org/protocol/httpbind";
    private static readonly XNamespace Streams = "http://etherx.jabber.org/streams";
    private static readonly XNamespace Sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private long _rid = RandomNumberGenerator.GetInt32(1, int.MaxValue);
    private string? _sid;

    /// <summary>Creates the session and returns the SASL mechanisms of the first stream features.</summary>
    public async Task<IReadOnlyList<string>> MechanismsAsync(CancellationToken cancellationToken)
    {
        var response = await PostAsync(
            $"<body rid='{_rid}' to='{domain}' xml:lang='en' wait='10' hold='1' ver='1.11' xmpp:version='1.0' "
            + "xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>", cancellationToken);
        _sid = (string?)response.Attribute("sid") ?? throw new InvalidOperationException("no sid in " + response);
        for (var poll = 0; response.Element(Streams + "features") is null; poll++)
        {
            Assert.True(poll < 5, "no stream features after 5 polls");
            response = await PostAsync($"<body rid='{++_rid}' sid='{_sid}' xmlns='http://jabber.org/protocol/httpbind'/>", cancellationToken);
        }

        return response.Element(Streams + "features")!.Element(Sasl + "mechanisms")?
            .Elements(Sasl + "mechanism").Select(m => m.Value).ToArray() ?? [];
    }

    private async Task<XElement> PostAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var response = await _http.PostAsync(url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var element = XElement.Load(reader);
        Assert.Equal(HttpBind + "body", element.Name);
        return element;
    }

    public void Dispose() => _http.Dispose();
}
