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
        await Register(server, [.. accounts, ("benchdash", "bench-dashboard")]);

        var settings = DashboardSettings(env, poll);
        var password = await DashboardSignIn.CreateViewerAsync(Path.GetFullPath(DashboardDll), settings);
        using var dashboard = StartDashboard(settings);
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
            ConnectParallelism = 32,
        }, accounts, NullLoggerFactory.Instance);
        var settle = Stopwatch.StartNew();
        while (fleet.Devices.Count(d => online.GetValueOrDefault(d.Jid.ToString())) < count && settle.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200);
        }

        Console.Error.WriteLine($"{fleet.Devices.Count(d => online.GetValueOrDefault(d.Jid.ToString()))} of {count} online after {settle.Elapsed.TotalSeconds:0} s");
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
        var onlineAtStart = fleet.Devices.Count(d => online.GetValueOrDefault(d.Jid.ToString()));
        var (cpu, rss) = await MeasureSteadyAsync(dashboard.Process.Id, TimeSpan.FromSeconds(steady));
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address };
        var devices = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/devices", UriKind.Relative))).RootElement;
        var good = devices.EnumerateArray().Count(d => d.GetProperty("quality").GetString() == "Good");
        var requests = fleet.Devices.Sum(d => d.RequestsHandled);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count:#,0} devices ({onlineAtStart:#,0} online, {good:#,0} Good at the end, {requests:#,0} SOAP requests answered), poll every {poll} s | presence → SignalR p50 {RoundTripStats.Percentile(latencies, 0.5):0.0} ms, p99 {RoundTripStats.Percentile(latencies, 0.99):0.0} ms ({transitions} changes) | hub CPU {cpu:0.00} cores, RSS {rss / 1024.0 / 1024:0} MB over {steady} s |"));
    }

    /// <summary>Average cores used and resident memory of a process over a window, from /proc.</summary>
    private static async Task<(double Cores, long RssBytes)> MeasureSteadyAsync(int pid, TimeSpan window)
    {
        static double CpuSeconds(int pid)
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        var before = CpuSeconds(pid);
        await Task.Delay(window);
        var cores = (CpuSeconds(pid) - before) / window.TotalSeconds;
        var rss = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return (cores, long.Parse(rss, CultureInfo.InvariantCulture) * 1024);
    }

    private static async Task Register(string server, IEnumerable<(string User, string Password)> accounts)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("scripts/xmpp-server.sh");
        start.ArgumentList.Add("register-many");
        start.ArgumentList.Add(server);
        using var process = Process.Start(start)!;
        foreach (var (user, password) in accounts)
        {
            await process.StandardInput.WriteLineAsync($"{user} {password}");
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
    }

    private static string DashboardDll => Path.Combine("src", "Dashboard.Web", "bin", "Release", "net10.0", "Dashboard.Web.dll");

    private static Dictionary<string, string> DashboardSettings(IReadOnlyDictionary<string, string> env, int poll) => new()
    {
        ["Dashboard__Xmpp__BoshUrl"] = env["BOSH_URL"],
        ["Dashboard__Xmpp__Jid"] = "benchdash@" + env["DOMAIN"],
        ["Dashboard__Xmpp__Password"] = "bench-dashboard",
        ["Dashboard__Xmpp__AcceptDevicesFromOwnDomain"] = "true",
        ["Dashboard__Polling__Interval"] = TimeSpan.FromSeconds(poll).ToString("c", CultureInfo.InvariantCulture),
        ["Dashboard__Storage__DatabasePath"] = Path.Combine(Path.GetTempPath(), $"bench-dashboard-{Guid.NewGuid():N}.db"),
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    private static DashboardRun StartDashboard(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine("src", "Dashboard.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("bin", "Release", "net10.0", "Dashboard.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return new DashboardRun(Process.Start(start)!);
    }

    private sealed class DashboardRun : IDisposable
    {
        public DashboardRun(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) =>
            {
                const string Marker = "Now listening on: ";
                if (e.Data?.IndexOf(Marker, StringComparison.Ordinal) is >= 0 and var at)
                {
                    Listening.TrySetResult(new Uri(e.Data[(at + Marker.Length)..].Trim()));
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public TaskCompletionSource<Uri> Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }
}
