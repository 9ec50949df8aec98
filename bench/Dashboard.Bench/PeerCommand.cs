using System.Globalization;
using Dashboard.Simulator;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.Extensions.Logging.Abstractions;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Tcp;

namespace Dashboard.Bench;

/// <summary>
/// <c>peer --server DIR [--count 1000] [--warmup 50] [--inflight 64]</c>: XEP-0199 pings between two clients
/// of one server — a dashboard-like client over BOSH and a SmartServer-like client over TCP — in both
/// directions, and SOAP Reads from the first to a simulated SmartServer. Unlike <c>ping</c>, the server only routes: this is the path of every SOAP request the hub
/// sends (BOSH → TCP) and of every Write a SmartServer pushes (TCP → BOSH), without the dashboard around it.
/// </summary>
public static class PeerCommand
{
    public static async Task RunAsync(BenchArguments arguments)
    {
        var env = arguments.ServerEnv();
        var server = arguments.Option("server", ".run/bench");
        var (count, warmup, inFlight) = (arguments.Number("count", 1000), arguments.Number("warmup", 50), arguments.Number("inflight", 64));
        await BenchDashboard.RegisterAsync(server, [("peerbosh", "peer-password"), ("peertcp", "peer-password"), ("peersmartserver", "peer-password")]);

        await using var bosh = new XmppClient(() => new BoshTransport(new BoshOptions { Url = new Uri(env["BOSH_URL"]) }),
            new XmppClientOptions { Jid = new Jid("peerbosh", env["DOMAIN"], null), Password = "peer-password", Resource = "dashboard" });
        await using var tcp = new XmppClient(
            () => new TcpTransport(new TcpTransportOptions { Host = "127.0.0.1", Port = int.Parse(env["C2S_PORT"], CultureInfo.InvariantCulture) }),
            new XmppClientOptions { Jid = new Jid("peertcp", env["DOMAIN"], null), Password = "peer-password", Resource = "smartserver" });
        await using var smartServer = new SimulatedSmartServer(new Jid("peersmartserver", env["DOMAIN"], null), "peer-password",
            () => new TcpTransport(new TcpTransportOptions { Host = "127.0.0.1", Port = int.Parse(env["C2S_PORT"], CultureInfo.InvariantCulture) }),
            dashboard: null, seed: 1, TimeProvider.System, NullLoggerFactory.Instance);
        await bosh.ConnectAsync();
        await tcp.ConnectAsync();
        await smartServer.StartAsync(CancellationToken.None);
        var smartServers = new SmartServerClient(new SoapClient(bosh));
        var device = new Jid("peersmartserver", env["DOMAIN"], "smartserver");
        var points = (await smartServers.ListAsync(device)).Select(p => p.Name).ToArray();

        // Both ends run in this process, so its CPU time per round trip is the client library's cost (both
        // sides) — a figure that holds on a busy machine, where the wall-clock ones do not.
        var rows = new List<string>();
        async Task MeasureAsync(string name, Func<Task> roundTrip)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var stats = await PingBenchmark.RunAsync(name, roundTrip, count, warmup, inFlight);
            var perTrip = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / (2 * count + warmup);
            rows.Add(stats.ToMarkdownRow() + string.Create(CultureInfo.InvariantCulture, $" {perTrip:0.000} |"));
        }

        await MeasureAsync("BOSH client → TCP client (a SOAP request's path)", () => bosh.PingAsync(tcp.BoundJid!));
        await MeasureAsync("TCP client → BOSH client (a pushed Write's path)", () => tcp.PingAsync(bosh.BoundJid!));
        await MeasureAsync($"SOAP Read of {points.Length} points, BOSH client → simulated SmartServer", () => smartServers.ReadAsync(device, points));
        Console.WriteLine($"| direction ({env["KIND"]}) | p50 ms | p99 ms | seq/s | {inFlight} in flight/s | CPU ms per round trip, both ends |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
    }
}
