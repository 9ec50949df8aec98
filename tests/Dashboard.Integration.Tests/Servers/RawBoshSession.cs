using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Integration.Tests.Servers;

/// <summary>
/// The bare minimum of BOSH by hand (session creation, empty polls, a PLAIN login, raw bodies), to check
/// what a real server offers or refuses independently of the project's own client library.
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

    /// <summary>Creates the session, logs in with SASL PLAIN (the server must allow it over this BOSH) and binds <paramref name="resource"/>.</summary>
    public async Task LoginAsync(string user, string password, string resource, CancellationToken cancellationToken)
    {
        await MechanismsAsync(cancellationToken);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
        var auth = await PostAsync(Body($"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{credentials}</auth>"), cancellationToken);
        Assert.NotNull(auth.Element(Sasl + "success"));
        await PostAsync($"<body rid='{++_rid}' sid='{_sid}' to='{domain}' xml:lang='en' xmpp:restart='true' "
            + "xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>", cancellationToken);
        var bound = await PostAsync(Body($"<iq type='set' id='bind' xmlns='jabber:client'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>{resource}</resource></bind></iq>"), cancellationToken);
        Assert.Contains(bound.Descendants(), e => e.Name.LocalName == "jid");
    }

    /// <summary>Sends <paramref name="stanzas"/> in the session's next body, after <paramref name="prolog"/> (e.g. a DTD); returns the answer body.</summary>
    public Task<XElement> SendAsync(string stanzas, string prolog, CancellationToken cancellationToken) =>
        PostAsync(prolog + Body(stanzas), cancellationToken);

    private string Body(string content) => $"<body rid='{++_rid}' sid='{_sid}' xmlns='http://jabber.org/protocol/httpbind'>{content}</body>";

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
