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
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(150);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly IReadOnlyDictionary<string, string> _environment;

    private DashboardProcess(Process process, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        _environment = environment;
    }

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

    /// <summary>The SQLite file this dashboard uses.</summary>
    public string DatabasePath => _environment["Dashboard__Storage__DatabasePath"];

    public static async Task<DashboardProcess> StartAsync(
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        // Each run gets its own database unless the test names one.
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__Console__FormatterName"] = "simple",
            ["Dashboard__Storage__DatabasePath"] = Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}", "dashboard.db"),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return await LaunchAsync(settings, "http://127.0.0.1:0", cancellationToken);
    }

    /// <summary>
    /// Starts this (stopped) dashboard again on the same address, with the same settings and database, as an
    /// operator restarting the service would; the browser pages that were open can reconnect to it.
    /// </summary>
    public Task<DashboardProcess> StartAgainAsync(CancellationToken cancellationToken = default) =>
        LaunchAsync(_environment, BaseAddress.GetLeftPart(UriPartial.Authority), cancellationToken);

    /// <summary>Ends the process at once, as a crash or a power cut would.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<DashboardProcess> LaunchAsync(IReadOnlyDictionary<string, string> settings, string urls, CancellationToken cancellationToken)
    {
        var start = StartInfo(settings);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls);
        var dashboard = new DashboardProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), settings);
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

    /// <summary>
    /// Runs the app's <c>users</c> command (e.g. <c>add NAME --role Admin</c>) against this dashboard's
    /// database, with <paramref name="password"/> on standard input; returns what it printed, or throws
    /// with its error output when it fails.
    /// </summary>
    public async Task<string> RunUsersCommandAsync(IEnumerable<string> arguments, string? password = null, CancellationToken cancellationToken = default)
    {
        var start = StartInfo(_environment);
        start.RedirectStandardInput = true;
        start.ArgumentList.Add("users");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        await process.StandardInput.WriteLineAsync(password.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"users {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }

    /// <summary>Creates a user with <paramref name="role"/> through the <c>users add</c> command; returns its fresh password.</summary>
    public async Task<string> CreateUserAsync(string userName, string role, CancellationToken cancellationToken = default)
    {
        var password = TestPasswords.New();
        await RunUsersCommandAsync(["add", userName, "--role", role], password, cancellationToken);
        return password;
    }

    /// <summary>A new user with <paramref name="role"/>, signed in through the sign-in form.</summary>
    public async Task<DashboardSession> SignInAsync(string role, string? userName = null, CancellationToken cancellationToken = default)
    {
        userName ??= TestPasswords.UserName(role);
        var password = await CreateUserAsync(userName, role, cancellationToken);
        return await DashboardSession.SignInAsync(BaseAddress, userName, password, cancellationToken);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
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
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
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
