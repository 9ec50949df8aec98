using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dashboard.Simulator;
using Dashboard.Web.Live;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench;

/// <summary>
/// <c>push --server DIR [--count 1000] [--changes 200] [--change-every 50] [--tick 5] [--absorb-devices 50] [--absorb-seconds 20] [--in-flight 8]</c>:
/// the dashboard (Release build, its own process) with N simulated SmartServers in push mode, their points
/// drifting every --tick seconds (each drift is a WebBinder Write). First the latency from a point change
/// at one SmartServer to the SignalR client's message carrying it, one change at a time and at most one every
/// --change-every ms (so the changes span the fleet's drift and the hub's poll cycle instead of a second of it); then how many
/// Writes a second the hub absorbs when --absorb-devices of them send as fast as they are answered.
/// </summary>
public static class PushCommand
{
    private const string Temperature = SimulatedDevice.Prefix + "VirtFb/temp_thermostat";

    public static async Task RunAsync(BenchArguments arguments)
    {
        var env = arguments.ServerEnv();
        var (count, changes, tick) = (arguments.Number("count", 1000), arguments.Number("changes", 200), arguments.Number("tick", 5));
        var changeEvery = TimeSpan.FromMilliseconds(arguments.Number("change-every", 50));
        var (absorbDevices, absorbSeconds, inFlight) = (arguments.Number("absorb-devices", 50), arguments.Number("absorb-seconds", 20), arguments.Number("in-flight", 8));
        var server = arguments.Option("server", ".run/bench");
        var accounts = SimulatorFleet.Accounts(count, seed: 7);
        await BenchDashboard.RegisterAsync(server, [.. accounts, ("benchdash", "bench-dashboard")]);

        var settings = BenchDashboard.Settings(env, poll: 10);
        var password = await DashboardSignIn.CreateViewerAsync(Path.GetFullPath(BenchDashboard.Dll), settings);
        using var dashboard = BenchDashboard.Start(settings);
        var address = await dashboard.Listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var cookies = await DashboardSignIn.SignInAsync(address, password);
        var waiters = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        await using var signalR = new HubConnectionBuilder().WithUrl(new Uri(address, "/hubs/live"), o => o.Cookies = cookies).Build();
        signalR.On<PointsUpdatedMessage>(nameof(ILiveClient.PointsUpdated), m =>
        {
            var arrived = Stopwatch.GetTimestamp();
            if (m.Points.FirstOrDefault(p => p.Name == Temperature) is { } point && waiters.TryRemove($"{m.Jid}/{point.Value}", out var waiter))
            {
                waiter.TrySetResult(arrived);
            }
        });
        await signalR.StartAsync();

        await using var fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = env["DOMAIN"],
            C2sPort = int.Parse(env["C2S_PORT"], CultureInfo.InvariantCulture),
            Dashboard = "benchdash@" + env["DOMAIN"],
            TickInterval = TimeSpan.FromSeconds(tick),
            ConnectParallelism = 8, // gentler than the default: a login must finish within 30 s on a busy machine
            PushEvery = 1,
        }, accounts, NullLoggerFactory.Instance);

        // A device counts once the dashboard has taken one of its Writes: subscribed both ways and its points listed.
        var settle = Stopwatch.StartNew();
        SimulatedSmartServer[] Pushing() => fleet.Devices.Where(d => d.WebBinder is { WritesSent: > 0 }).ToArray();
        while (Pushing().Length < count && settle.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(500);
        }

        var pushing = Pushing();
        Console.Error.WriteLine($"{pushing.Length} of {count} devices pushing after {settle.Elapsed.TotalSeconds:0} s");
        var changesMade = new List<(double Ms, DateTime At, string Jid, string Value)>();
        var lost = 0;
        for (var i = 0; i < changes; i++)
        {
            var device = pushing[i * 7919 % pushing.Length];
            var value = (40 + i * 0.01).ToString("0.00", CultureInfo.InvariantCulture);
            var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters[$"{device.Jid}/{value}"] = waiter;
            var (started, at) = (Stopwatch.GetTimestamp(), DateTime.UtcNow);
            device.ChangePoint(Temperature, value);
            try
            {
                var ms = Stopwatch.GetElapsedTime(started, await waiter.Task.WaitAsync(TimeSpan.FromSeconds(10))).TotalMilliseconds;
                changesMade.Add((ms, at, device.Jid.ToString(), value));
            }
            catch (TimeoutException)
            {
                lost++;
                waiters.TryRemove($"{device.Jid}/{value}", out _);
            }

            if (changeEvery - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest);
            }
        }

        var latencies = changesMade.Select(c => c.Ms).Order().ToList();
        // The slowest changes with their wall-clock start, to find them in a packet capture or the XMPP server's log.
        foreach (var slow in changesMade.OrderByDescending(c => c.Ms).Take(5))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slow: {slow.Ms:0.0} ms at {slow.At:HH:mm:ss.fff} {slow.Jid} {slow.Value}"));
        }
        var xmppServer = int.Parse(env["PID"], CultureInfo.InvariantCulture);
        var xmppCpu = BenchDashboard.MeasureSteadyAsync(xmppServer, TimeSpan.FromSeconds(absorbSeconds));
        var (absorbed, cpu, rss) = await AbsorbAsync(pushing.Take(absorbDevices).ToArray(), inFlight, TimeSpan.FromSeconds(absorbSeconds), dashboard.Process.Id);
        var (xmppCores, _) = await xmppCpu;
        var background = fleet.Devices.Sum(d => d.WebBinder?.WritesSent ?? 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count:#,0} pushing devices ({pushing.Length:#,0} taken in), drift every {tick} s, a change every {changeEvery.TotalMilliseconds:0} ms | change → SignalR p50 {RoundTripStats.Percentile(latencies, 0.5):0.0} ms, p99 {RoundTripStats.Percentile(latencies, 0.99):0.0} ms ({latencies.Count} changes, {lost} lost) | {absorbed:#,0} Writes/s absorbed from {Math.Min(absorbDevices, pushing.Length)} devices × {inFlight} in flight; hub CPU {cpu:0.00} cores, RSS {rss / 1024.0 / 1024:0} MB, XMPP server CPU {xmppCores:0.00} cores meanwhile | {background:#,0} Writes sent by the fleet in all |"));
    }

    /// <summary>Each device sends Writes of its temperature back to back (several in flight) for the window; returns Writes answered per second.</summary>
    private static async Task<(double PerSecond, double Cores, long RssBytes)> AbsorbAsync(SimulatedSmartServer[] devices, int inFlight, TimeSpan window, int dashboardPid)
    {
        var answered = 0L;
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource(window);
        var measuring = BenchDashboard.MeasureSteadyAsync(dashboardPid, window);
        var started = Stopwatch.GetTimestamp();
        var senders = devices.SelectMany(device =>
        {
            var webBinder = new WebBinderClient(new SoapClient(device.Session, new SoapOptions { DefaultTimeout = TimeSpan.FromSeconds(30) }));
            var target = device.WebBinder?.Target ?? throw new InvalidOperationException($"{device.Jid} does not know the dashboard's resource.");
            var sequence = 0;
            return Enumerable.Range(0, inFlight).Select(async _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref sequence);
                    var point = new DataPoint(Temperature, "Dp_Data", null,
                        [new DataPointValue((20 + n % 100 / 10.0).ToString("0.0", CultureInfo.InvariantCulture), "#0000000000000000[0].SNVT_temp", null)],
                        "AL_NUL", 255, DateTimeOffset.UtcNow, null);
                    try
                    {
                        await webBinder.WriteAsync(target, [point],
                            new MessageProperties(DateTimeOffset.UtcNow, device.Jid.Local!.ToUpperInvariant()), CancellationToken.None);
                        Interlocked.Increment(ref answered);
                    }
                    catch (Exception e) when (e is SoapFault or Xmpp.XmppTimeoutException or Xmpp.StanzaErrorException)
                    {
                        failures.AddOrUpdate(e.GetType().Name + ": " + e.Message[..Math.Min(80, e.Message.Length)], 1, (_, n) => n + 1);
                    }
                }
            });
        }).ToArray();
        await Task.WhenAll(senders);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var (cores, rss) = await measuring;
        foreach (var (failure, times) in failures)
        {
            Console.Error.WriteLine($"{times} Writes failed: {failure}");
        }
        return (Interlocked.Read(ref answered) / seconds, cores, rss);
    }
}
