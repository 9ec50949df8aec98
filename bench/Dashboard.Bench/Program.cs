using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Bench;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Tcp;

// dotnet run -c Release --project bench/Dashboard.Bench -- --server DIR --user U --password P [--count 1000] [--warmup 50]
//     [--inflight 64] [--stanza bench/stanza]
// DIR is a server folder made by scripts/xmpp-server.sh (scripts/bench.sh does all of it).
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : "");
string Option(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var env = File.ReadAllLines(Path.Combine(Option("server", ".run/bench"), "server.env"))
    .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
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
