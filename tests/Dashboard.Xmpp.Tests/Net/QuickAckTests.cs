using System.Diagnostics;
using Dashboard.Xmpp.Bosh;

namespace Dashboard.Xmpp.Tests.Net;

/// <summary>
/// Answers over 8 KiB from a server with Nagle's algorithm on (Prosody's default) reach the BOSH client at
/// once, not after the kernel's delayed acknowledgement. The server here is a stand-in that writes the way
/// Prosody does, so the test needs no XMPP session; the push benchmark measures the same against Prosody.
/// </summary>
public sealed class QuickAckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BoshHttp_AnswerInPiecesFromAFakeServerWritingLikeProsody_IsReadWithoutWaitingForTheDelayedAck()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("TCP_QUICKACK is a Linux socket option; elsewhere acknowledgements stay as the system sets them");
        }

        await using var server = new NagleHttpServer(bodyBytes: 12_000);
        using var http = BoshTransport.CreateHttpClient(new BoshOptions { Url = server.Url });
        var milliseconds = new List<double>();
        for (var i = 0; i < 11; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(server.Url, new StringContent("<body rid='1' xmlns='http://jabber.org/protocol/httpbind'/>"), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.EndsWith("</body>", text, StringComparison.Ordinal);
        }

        // Linux delays an acknowledgement by 40 ms at least, so without quick ACKs nearly every answer takes
        // that long on any machine; with them a loopback exchange takes well under a millisecond.
        milliseconds.Sort();
        Assert.True(milliseconds[5] < 20, $"median {milliseconds[5]:0.0} ms per answer (all: {string.Join(", ", milliseconds.Select(m => m.ToString("0.0")))})");
    }
}
