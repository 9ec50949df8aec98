using System.Net;
using System.Net.Http.Headers;

namespace Dashboard.Xmpp.Bosh;

/// <summary>
/// A request body that tells when it has been written to the connection, so the next request starts only
/// after it: requests then leave in rid order even when they take different connections.
/// </summary>
internal sealed class BoshRequestContent : HttpContent
{
    private readonly byte[] _bytes;
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BoshRequestContent(byte[] bytes)
    {
        _bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
    }

    /// <summary>Completes once the body has been flushed to the connection.</summary>
    public Task Written => _written.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _written.TrySetResult();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
