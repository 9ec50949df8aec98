using System.Net;
using System.Net.Sockets;
using Dashboard.Xmpp.Tcp;

namespace Dashboard.Xmpp.Tests.Tcp;

/// <summary>
/// A peer that accepts the TCP connection and never opens a stream: a fault a real server does not produce
/// on demand, so a bare listener stands in for it.
/// </summary>
public sealed class TcpTransportSilentPeerTests
{
    public static TheoryData<int> Attempts => [.. Enumerable.Range(1, 20)];

    // The pending read and the disposal race; repeating makes the losing order (seen under load) likely.
    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task Open_CancelledWhileWaitingForTheStreamHeader_ThenDispose_EndsCleanly(int attempt)
    {
        _ = attempt;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var transport = new TcpTransport(new TcpTransportOptions { Host = "127.0.0.1", Port = port });
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var opening = transport.OpenAsync("xmpp.test", giveUp.Token);
        using var accepted = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => opening);
        Assert.Null(await Record.ExceptionAsync(async () => await transport.DisposeAsync()));
    }
}
