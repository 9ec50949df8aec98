using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using System.Xml;
using System.Xml.Linq;
using Dashboard.Xmpp.Net;

namespace Dashboard.Xmpp.Tcp;

/// <summary>
/// XMPP client-to-server over a plain TCP stream (RFC 6120 §4), for peers on a trusted network such as
/// loopback: the simulated SmartServers, tests and benchmarks. No STARTTLS: <see cref="IsSecure"/> is false,
/// so SASL PLAIN is refused unless the policy allows it. The dashboard itself talks BOSH.
/// </summary>
public sealed class TcpTransport(TcpTransportOptions options) : IXmppTransport
{
    private static readonly XName SaslSuccess = XNamespace.Get("urn:ietf:params:xml:ns:xmpp-sasl") + "success";
    private readonly Channel<XElement> _incoming = Channel.CreateUnbounded<XElement>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private TcpClient? _client;
    private CountingStream? _stream;
    private XmlReader? _reader;
    private string _domain = "";
    private Task _writeLoop = Task.CompletedTask;
    private Task _readLoop = Task.CompletedTask;
    private TaskCompletionSource _pausedForRestart = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsSecure => false;

    public ChannelReader<XElement> Incoming => _incoming.Reader;

    public event EventHandler<TransportTrafficEventArgs>? Traffic;

    public async Task<XElement> OpenAsync(string domain, CancellationToken ct)
    {
        _domain = domain;
        _client = new TcpClient { NoDelay = true };
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct, _lifetime.Token))
        {
            connect.CancelAfter(options.ConnectTimeout);
            try
            {
                await _client.ConnectAsync(options.Host, options.Port, connect.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                throw new TcpTransportException($"Cannot connect to {options.Host}:{options.Port}: {e.Message}", isRecoverable: true, e);
            }
        }

        _stream = new CountingStream(new QuickAckStream(_client.Client));
        _writeLoop = WriteLoopAsync();
        var features = await StartStreamAsync(ct).ConfigureAwait(false);
        _readLoop = ReadLoopAsync();
        return features;
    }

    public async Task<XElement> RestartAsync(CancellationToken ct)
    {
        // The read loop stops right after <success/>: the old parser must not read the new stream's header.
        await _pausedForRestart.Task.WaitAsync(ct).ConfigureAwait(false);
        _pausedForRestart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var features = await StartStreamAsync(ct).ConfigureAwait(false);
        _readLoop = ReadLoopAsync();
        return features;
    }

    public void Send(XElement stanza) => Enqueue(stanza.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces));

    public async Task CloseAsync(XElement? finalStanza, CancellationToken ct)
    {
        if (finalStanza is not null)
        {
            Send(finalStanza);
        }

        Enqueue("</stream:stream>");
        _outgoing.Writer.TryComplete();
        try
        {
            // The server answers with its own closing tag; wait for it, but not forever.
            await _readLoop.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    private void Enqueue(string text)
    {
        if (!_outgoing.Writer.TryWrite(text))
        {
            throw new XmppDisconnectedException("The TCP stream is closed.");
        }
    }

    private async Task<XElement> StartStreamAsync(CancellationToken ct)
    {
        Enqueue($"<?xml version='1.0'?><stream:stream to='{SecurityElementEscape(_domain)}' version='1.0' xml:lang='{SecurityElementEscape(options.Lang)}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
        _reader?.Dispose();
        _reader = XmlReader.Create(_stream!, StreamReaderSettings());
        try
        {
            if (await _reader.MoveToContentAsync().WaitAsync(ct).ConfigureAwait(false) != XmlNodeType.Element
                || _reader.LocalName != "stream" || _reader.NamespaceURI != XmppNamespaces.Streams.NamespaceName)
            {
                throw new TcpTransportException("The server did not open an XMPP stream.", isRecoverable: false);
            }

            var features = await ReadElementAsync().WaitAsync(ct).ConfigureAwait(false)
                ?? throw new TcpTransportException("The server closed the stream before sending features.", isRecoverable: true);
            if (features.Name == XmppNamespaces.Streams + "error")
            {
                throw StreamErrors.Parse(features);
            }

            return features;
        }
        catch (Exception e) when (e is XmlException or IOException)
        {
            throw new TcpTransportException("The stream could not be opened: " + e.Message, isRecoverable: true, e);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReadElementAsync().ConfigureAwait(false) is { } element)
            {
                if (Traffic is { } traffic)
                {
                    traffic(this, TransportTrafficEventArgs.Received(element.ToString(SaveOptions.DisableFormatting)));
                }

                _incoming.Writer.TryWrite(element);
                if (element.Name == SaslSuccess)
                {
                    _pausedForRestart.TrySetResult();
                    return;
                }
            }

            _incoming.Writer.TryComplete();
        }
        catch (Exception e) when (_lifetime.IsCancellationRequested)
        {
            _incoming.Writer.TryComplete(new XmppDisconnectedException("The TCP stream was closed.", e));
        }
        catch (Exception e) when (e is XmlException or IOException or TcpTransportException or ObjectDisposedException or SocketException)
        {
            _incoming.Writer.TryComplete(e as TcpTransportException
                ?? new TcpTransportException("The TCP stream failed: " + e.Message, isRecoverable: e is not XmlException, e));
        }
    }

    /// <summary>
    /// Reads the next top-level element of the stream, or null when the server closed the stream. The
    /// reader stops ON the element's end tag: reading past it would wait for data the server only sends
    /// after our answer (XNode.ReadFrom does exactly that, and deadlocks a stream).
    /// </summary>
    private async Task<XElement?> ReadElementAsync()
    {
        var reader = _reader!;
        _stream!.ResetCount();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    return await StanzaReader.ReadElementAsync(reader, () => _stream.Count, options.MaxStanzaBytes).ConfigureAwait(false);
                case XmlNodeType.EndElement:
                    return null;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    _stream.ResetCount(); // whitespace keep-alives between stanzas
                    break;
                default:
                    throw new TcpTransportException($"The stream carried a forbidden {reader.NodeType} between stanzas.", isRecoverable: false);
            }
        }

        return null;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new StringBuilder();
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(_lifetime.Token).ConfigureAwait(false))
            {
                batch.Clear();
                while (_outgoing.Reader.TryRead(out var text))
                {
                    batch.Append(text);
                    Traffic?.Invoke(this, TransportTrafficEventArgs.Sent(text));
                }

                var bytes = Encoding.UTF8.GetBytes(batch.ToString());
                await _stream!.WriteAsync(bytes, _lifetime.Token).ConfigureAwait(false);
                await _stream.FlushAsync(_lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            _outgoing.Writer.TryComplete();
            _incoming.Writer.TryComplete(_lifetime.IsCancellationRequested ? null
                : new TcpTransportException("Writing to the TCP stream failed: " + e.Message, isRecoverable: true, e));
        }
    }

    private XmlReaderSettings StreamReaderSettings() => new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    private static string SecurityElementEscape(string value) => System.Security.SecurityElement.Escape(value) ?? "";

    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _outgoing.Writer.TryComplete();
        // Closing the socket ends any read in flight. The XmlReader is left to the collector: it holds nothing
        // but the stream, and disposing it during a pending async read (a login cut short) would throw.
        _client?.Dispose();
        _pausedForRestart.TrySetCanceled();
        try
        {
            await Task.WhenAll(_writeLoop, _readLoop).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }

        _incoming.Writer.TryComplete();
        _lifetime.Dispose();
    }
}
