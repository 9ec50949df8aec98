using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dashboard.Simulator;
using Dashboard.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench;

/// <summary>
/// <c>presence --server DIR [--count 100] [--transitions 200] [--poll 10] [--steady 30]</c>: the dashboard
/// (Release build, its own process) with N simulated SmartServers polled every --poll seconds; latency
/// from a device's presence change to the SignalR client's message, then the dashboard process's CPU
/// and memory over --steady seconds of sustained polling.
/// </summary>
public static class PresenceCommand
{
    public static async Task RunAsync(BenchArguments arguments)
    {
        var env = arguments.ServerEnv();
        var (count, transitions, poll, steady) = (arguments.Number("count", 100), arguments.Number("transitions", 200),
            arguments.Number("poll", 10), arguments.Number("steady", 30));
        var server = arguments.Option("server", ".run/bench");
        var accounts = SimulatorFleet.Accounts(count, seed: 5);
        await BenchDashboard.RegisterAsync(server, [.. accounts, ("benchdash", "bench-dashboard")]);

        var settings = BenchDashboard.Settings(env, poll);
        var password = await DashboardSignIn.CreateViewerAsync(Path.GetFullPath(BenchDashboard.Dll), settings);
        using var dashboard = BenchDashboard.Start(settings);
        var address = await dashboard.Listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var cookies = await DashboardSignIn.SignInAsync(address, password);
        var messages = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        await using var signalR = new HubConnectionBuilder().WithUrl(new Uri(address, "/hubs/live"), o => o.Cookies = cookies).Build();
        var online = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        signalR.On<DevicePresenceMessage>(nameof(ILiveClient.PresenceChanged), m =>
        {
            online[m.Jid] = m.Online;
            if (messages.TryGetValue($"{m.Jid}/{m.Online}", out var waiter))
            {
                waiter.TrySetResult(Stopwatch.GetTimestamp());
            }
        });
        await signalR.StartAsync();

        await using var fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = env["DOMAIN"],
            C2sPort = int.Parse(env["C2S_PORT"], CultureInfo.InvariantCulture),
            Dashboard = "benchdash@" + env["DOMAIN"],
            TickInterval = TimeSpan.FromSeconds(5),
            ConnectParallelism = 8, // fewer logins at once, so none waits past its timeout on a busy machine
        }, accounts, NullLoggerFactory.Instance);
        var settle = Stopwatch.StartNew();
        while (fleet.Devices.Count(d => online.GetValueOrDefault(d.Jid.ToString())) < count && settle.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200);
        }

        var takenIn = fleet.Devices.Count(d => online.GetValueOrDefault(d.Jid.ToString()));
        var takenInAfter = settle.Elapsed;
        Console.Error.WriteLine($"{takenIn} of {count} online after {takenInAfter.TotalSeconds:0} s");
        var latencies = new List<double>();
        for (var i = 0; i < transitions; i++)
        {
            var device = fleet.Devices[i % count];
            var goingOnline = !online.GetValueOrDefault(device.Jid.ToString());
            var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            messages[$"{device.Jid}/{goingOnline}"] = waiter;
            var started = Stopwatch.GetTimestamp();
            if (goingOnline)
            {
                device.GoOnline();
            }
            else
            {
                device.GoOffline();
            }

            var arrived = await waiter.Task.WaitAsync(TimeSpan.FromSeconds(10));
            latencies.Add(Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds);
            messages.TryRemove($"{device.Jid}/{goingOnline}", out _);
        }

        foreach (var device in fleet.Devices.Where(d => !online.GetValueOrDefault(d.Jid.ToString())))
        {
            device.GoOnline();
        }

        latencies.Sort();
        // Steady polling is measured once the fleet has been read (discovery done), not while it is listed.
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address };
        async Task<int> GoodAsync() => System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/devices", UriKind.Relative))).RootElement
            .EnumerateArray().Count(d => d.GetProperty("quality").GetString() == "Good");
        var reading = Stopwatch.StartNew();
        while (await GoodAsync() < count * 0.95 && reading.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(1000);
        }

        Console.Error.WriteLine($"{await GoodAsync()} of {count} Good {reading.Elapsed.TotalSeconds:0} s after the latency run");
        var (cpu, rss) = await BenchDashboard.MeasureSteadyAsync(dashboard.Process.Id, TimeSpan.FromSeconds(steady));
        var good = await GoodAsync();
        var requests = fleet.Devices.Sum(d => d.RequestsHandled);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count:#,0} devices ({takenIn:#,0} online {takenInAfter.TotalSeconds:0} s after the fleet's logins, {good:#,0} Good at the end, {requests:#,0} SOAP requests answered), poll every {poll} s | presence → SignalR p50 {RoundTripStats.Percentile(latencies, 0.5):0.0} ms, p99 {RoundTripStats.Percentile(latencies, 0.99):0.0} ms ({transitions} changes) | hub CPU {cpu:0.00} cores, RSS {rss / 1024.0 / 1024:0} MB over {steady} s |"));
    }
}
