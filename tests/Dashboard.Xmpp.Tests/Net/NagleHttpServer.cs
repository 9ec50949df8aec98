using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Xmpp.Tests.Net;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 that writes its answers the way Prosody's network layer does: Nagle's
/// algorithm left on and each answer sent in 8 KiB pieces, so a short last piece waits until the client
/// acknowledges the one before. It answers every request with the same body of the given size.
/// </summary>
internal sealed class NagleHttpServer : IAsyncDisposable
{
    private const int PieceBytes = 8192;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _answer;
    private readonly Task _accepting;

    public NagleHttpServer(int bodyBytes)
    {
        var body = "<body xmlns='http://jabber.org/protocol/httpbind'>" + new string('x', bodyBytes) + "</body>";
        _answer = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/http-bind");

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                socket.NoDelay = false;
                connections.Add(ServeAsync(socket));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                while (!TryTakeRequest(received))
                {
                    var read = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    received.AddRange(buffer.AsSpan(0, read));
                }

                for (var at = 0; at < _answer.Length; at += PieceBytes)
                {
                    await socket.SendAsync(_answer.AsMemory(at, Math.Min(PieceBytes, _answer.Length - at)), _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
        }
    }

    /// <summary>Removes one whole request (headers and its Content-Length body) from the front of the bytes received.</summary>
    private static bool TryTakeRequest(List<byte> received)
    {
        var text = Encoding.ASCII.GetString(received.ToArray());
        var headersEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headersEnd < 0)
        {
            return false;
        }

        var length = text[..headersEnd].Split("\r\n")
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var total = headersEnd + 4 + length;
        if (received.Count < total)
        {
            return false;
        }

        received.RemoveRange(0, total);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
