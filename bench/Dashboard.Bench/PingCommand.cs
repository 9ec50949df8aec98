using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Tcp;

namespace Dashboard.Bench;

/// <summary>
/// <c>ping --server DIR --user U --password P [--count 1000] [--warmup 50] [--inflight 64] [--stanza bench/stanza]</c>:
/// XEP-0199 round trips over TCP and BOSH, and the npm stanza client over BOSH, against one server.
/// </summary>
public static class PingCommand
{
    public static async Task RunAsync(BenchArguments arguments)
    {
var env = arguments.ServerEnv();
string Option(string name, string fallback) => arguments.Option(name, fallback);
int Number(string name, int fallback) => arguments.Number(name, fallback);
var options = arguments.Options;
var jid = new Jid(Option("user", "bench"), env["DOMAIN"], null);
var password = Option("password", "bench-password");
var (count, warmup, inFlight) = (Number("count", 1000), Number("warmup", 50), Number("inflight", 64));

var results = new List<RoundTripStats>();
async Task MeasureAsync(string name, Func<IXmppTransport> transport)
{
    await using var client = new XmppClient(transport, new XmppClientOptions { Jid = jid, Password = password, Resource = name.Split(' ')[0] });
    await client.ConnectAsync();
    results.Add(await PingBenchmark.RunAsync(name, client, count, warmup, inFlight));
}

await MeasureAsync($"Dashboard.Xmpp, raw TCP c2s ({env["KIND"]})",
    () => new TcpTransport(new TcpTransportOptions { Host = "127.0.0.1", Port = int.Parse(env["C2S_PORT"], CultureInfo.InvariantCulture) }));
await MeasureAsync($"Dashboard.Xmpp, BOSH ({env["KIND"]})", () => new BoshTransport(new BoshOptions { Url = new Uri(env["BOSH_URL"]) }));

if (options.TryGetValue("stanza", out var stanzaDirectory))
{
    var start = new ProcessStartInfo("node") { WorkingDirectory = stanzaDirectory, RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var argument in new[] { "ping.mjs", env["BOSH_URL"], jid.ToString(), password, $"{count}", $"{warmup}", $"{inFlight}" })
    {
        start.ArgumentList.Add(argument);
    }

    using var node = Process.Start(start)!;
    var output = await node.StandardOutput.ReadToEndAsync();
    await node.WaitForExitAsync();
    using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
    var r = json.RootElement;
    results.Add(new RoundTripStats($"{r.GetProperty("client").GetString()} ({env["KIND"]})", r.GetProperty("p50").GetDouble(), r.GetProperty("p99").GetDouble(),
        r.GetProperty("sequentialPerSecond").GetDouble(), inFlight, r.GetProperty("inflightPerSecond").GetDouble()));
}

Console.WriteLine($"| client and transport | p50 ms | p99 ms | seq/s | {inFlight} in flight/s |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var result in results)
{
    Console.WriteLine(result.ToMarkdownRow());
}
    }
}
