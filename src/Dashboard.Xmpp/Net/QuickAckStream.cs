using System.Net;
using System.Net.Sockets;

namespace Dashboard.Xmpp.Net;

/// <summary>
/// A TCP stream that asks the kernel to acknowledge incoming data at once (Linux <c>TCP_QUICKACK</c>,
/// re-armed before every read, since the kernel drops back to delayed acknowledgements by itself).
/// Why: servers that keep Nagle's algorithm on (Prosody's default) write a large answer in 8 KiB pieces and
/// hold the last, short piece until the previous one is acknowledged; with delayed acknowledgements that is
/// 40 ms on every answer over 8 KiB (docs/benchmarks.md, "the 40 ms stall"). Elsewhere it is a plain stream.
/// </summary>
internal sealed class QuickAckStream(Socket socket) : Stream
{
    private const int IpProtoTcp = 6;
    private const int TcpQuickAck = 12;
    private static readonly byte[] On = BitConverter.GetBytes(1);
    private readonly NetworkStream _inner = new(socket, ownsSocket: true);
    private bool _unsupported = !OperatingSystem.IsLinux();

    /// <summary>Connects a socket with Nagle off (our own requests go out whole) and wraps it.</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
            return new QuickAckStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        RearmQuickAck();
        return _inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        RearmQuickAck();
        return _inner.ReadAsync(buffer, ct);
    }

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        _inner.WriteAsync(buffer, offset, count, ct);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => _inner.WriteAsync(buffer, ct);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken ct) => _inner.FlushAsync(ct);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void RearmQuickAck()
    {
        if (_unsupported)
        {
            return;
        }

        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, On);
        }
        catch (SocketException)
        {
            _unsupported = true; // not a TCP socket the kernel lets us tune; reads still work
        }
        catch (ObjectDisposedException)
        {
            // closed under us: the read that follows reports it
        }
    }
}
