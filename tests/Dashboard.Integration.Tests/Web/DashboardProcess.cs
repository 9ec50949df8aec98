using System.Diagnostics;
using System.Text;
using Dashboard.Testing;

namespace Dashboard.Integration.Tests.Web;

/// <summary>
/// The dashboard as a user runs it: the built Dashboard.Web on real Kestrel in its own process, bound to
/// a free loopback port. Its console output is kept so a failing test can show it.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DashboardProcess(Process process) => _process = process;

    /// <summary>Where the dashboard listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The repository's top-level static root, which the dashboard serves.</summary>
    public string RepositoryWebRoot => Path.Combine(RepositoryPaths.Root, "wwwroot");

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<DashboardProcess> StartAsync(
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var projectDirectory = Path.Combine(RepositoryPaths.Root, "src", "Dashboard.Web");
        var assembly = Path.Combine(projectDirectory, "bin", BuildConfiguration(), "net10.0", "Dashboard.Web.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Dashboard.Web is not built at {assembly}; run 'dotnet build Dashboard.sln' first.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = projectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        // Each run gets its own database unless the test names one.
        start.Environment["Dashboard__Storage__DatabasePath"] = Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}", "dashboard.db");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var dashboard = new DashboardProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        dashboard._process.OutputDataReceived += (_, e) => dashboard.Record(e.Data);
        dashboard._process.ErrorDataReceived += (_, e) => dashboard.Record(e.Data);
        dashboard._process.BeginOutputReadLine();
        dashboard._process.BeginErrorReadLine();
        _ = dashboard._process.WaitForExitAsync(CancellationToken.None).ContinueWith(
            _ => dashboard._listening.TrySetException(new InvalidOperationException(
                "Dashboard.Web exited before it listened:\n" + dashboard.Output)), TaskScheduler.Default);

        try
        {
            dashboard.BaseAddress = await dashboard._listening.Task.WaitAsync(StartDeadline, cancellationToken);
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }

        return dashboard;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        const string Marker = "Now listening on: ";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0 && Uri.TryCreate(line[(at + Marker.Length)..].Trim(), UriKind.Absolute, out var address))
        {
            _listening.TrySetResult(address);
        }
    }

    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
