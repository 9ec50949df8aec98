using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Bench;

/// <summary>
/// The dashboard as the hub benchmarks run it: the Release build in its own process against a
/// benchmark server's accounts, with its CPU and memory read from /proc.
/// </summary>
internal static class BenchDashboard
{
    /// <summary>Average cores used and resident memory of a process over a window, from /proc.</summary>
    internal static async Task<(double Cores, long RssBytes)> MeasureSteadyAsync(int pid, TimeSpan window)
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

    internal static async Task RegisterAsync(string server, IEnumerable<(string User, string Password)> accounts)
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

    internal static string Dll => Path.Combine("src", "Dashboard.Web", "bin", "Release", "net10.0", "Dashboard.Web.dll");

    internal static Dictionary<string, string> Settings(IReadOnlyDictionary<string, string> env, int poll) => new()
    {
        ["Dashboard__Xmpp__BoshUrl"] = env["BOSH_URL"],
        ["Dashboard__Xmpp__Jid"] = "benchdash@" + env["DOMAIN"],
        ["Dashboard__Xmpp__Password"] = "bench-dashboard",
        ["Dashboard__Xmpp__AcceptDevicesFromOwnDomain"] = "true",
        ["Dashboard__Polling__Interval"] = TimeSpan.FromSeconds(poll).ToString("c", CultureInfo.InvariantCulture),
        // A folder of its own: the data folder also holds the Data Protection keys and saved connection settings.
        ["Dashboard__Storage__DatabasePath"] = Path.Combine(Path.GetTempPath(), $"bench-dashboard-{Guid.NewGuid():N}", "dashboard.db"),
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    internal static DashboardRun Start(IReadOnlyDictionary<string, string> settings)
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

        // The dashboard's own log sits next to its database, so a run that misses its target can be read afterwards.
        var log = Path.Combine(Path.GetDirectoryName(settings["Dashboard__Storage__DatabasePath"])!, "dashboard.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        Console.Error.WriteLine($"Dashboard log: {log}");
        return new DashboardRun(Process.Start(start)!, log);
    }

    internal sealed class DashboardRun : IDisposable
    {
        private readonly StreamWriter _log;

        public DashboardRun(Process process, string logPath)
        {
            Process = process;
            _log = new StreamWriter(logPath) { AutoFlush = true };
            process.OutputDataReceived += (_, e) =>
            {
                Write(e.Data);
                const string Marker = "Now listening on: ";
                if (e.Data?.IndexOf(Marker, StringComparison.Ordinal) is >= 0 and var at)
                {
                    Listening.TrySetResult(new Uri(e.Data[(at + Marker.Length)..].Trim()));
                }
            };
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        private void Write(string? line)
        {
            if (line is not null)
            {
                lock (_log)
                {
                    _log.WriteLine(line);
                }
            }
        }

        public TaskCompletionSource<Uri> Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
            lock (_log)
            {
                _log.Dispose();
            }
        }
    }
}
