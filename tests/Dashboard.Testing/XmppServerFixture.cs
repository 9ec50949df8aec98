namespace Dashboard.Testing;

/// <summary>
/// A real XMPP server for tests, started by scripts/xmpp-server.sh (so its configuration lives in one
/// place) from a temporary folder on free loopback ports. One server per fixture instance; use it as a
/// class, collection or assembly fixture. A missing server binary fails the test with how to install it.
/// </summary>
public abstract class XmppServerFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-xmpp-" + Guid.NewGuid().ToString("N")[..12]);
    private int _c2sPort;
    private int _httpPort;

    /// <summary>prosody or ejabberd.</summary>
    public abstract string Kind { get; }

    /// <summary>The command whose absence means the server is not installed.</summary>
    protected abstract string Binary { get; }

    /// <summary>Extra options for the script's start command.</summary>
    protected virtual IEnumerable<string> StartOptions => [];

    public string Domain => "xmpp.test";

    public Uri BoshUri { get; private set; } = null!;

    public int C2sPort => _c2sPort;

    public string Directory => _directory;

    public async ValueTask InitializeAsync()
    {
        if (!IsInstalled(Binary))
        {
            throw new InvalidOperationException(
                $"{Kind} is not installed: run 'scripts/xmpp-server.sh install {Kind}' (or: sudo apt-get install -y {Kind}).");
        }

        _c2sPort = FreePort.Next();
        _httpPort = FreePort.Next();
        await StartAsync();
    }

    /// <summary>Starts (or restarts) the server on the same ports with the same data.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var printed = await ScriptRunner.RunAsync("xmpp-server.sh",
            ["start", Kind, "--dir", _directory, "--c2s-port", $"{_c2sPort}", "--http-port", $"{_httpPort}", "--domain", Domain, .. StartOptions],
            cancellationToken: cancellationToken);
        var values = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        BoshUri = new Uri(values["BOSH_URL"]);
    }

    /// <summary>Stops the server, keeping its data; <see cref="StartAsync"/> brings it back.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        ScriptRunner.RunAsync("xmpp-server.sh", ["stop", _directory], cancellationToken: cancellationToken);

    public Task CreateAccountAsync(string user, string password, CancellationToken cancellationToken = default) =>
        ScriptRunner.RunAsync("xmpp-server.sh", ["register", _directory, user, password], cancellationToken: cancellationToken);

    /// <summary>Creates many accounts in one go (a fleet of simulated SmartServers).</summary>
    public Task CreateAccountsAsync(IEnumerable<(string User, string Password)> accounts, CancellationToken cancellationToken = default) =>
        ScriptRunner.RunAsync("xmpp-server.sh", ["register-many", _directory], cancellationToken: cancellationToken,
            input: string.Concat(accounts.Select(a => $"{a.User} {a.Password}\n")));

    /// <summary>The server's log so far, for a failing test's output.</summary>
    public string ReadLog()
    {
        var log = Kind == "prosody" ? Path.Combine(_directory, "prosody.log") : Path.Combine(_directory, "logs", "ejabberd.log");
        return File.Exists(log) ? File.ReadAllText(log) : $"(no log at {log})";
    }

    /// <summary>Attaches the server log to the current test's results when the test failed.</summary>
    public void AttachLogIfFailed()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.AddAttachment($"{Kind}.log", ReadLog());
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A server file still held open; the temp folder is cleaned by the system.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        GC.SuppressFinalize(this);
    }

    private static bool IsInstalled(string binary) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, binary)));
}

/// <summary>Prosody with <c>consider_bosh_secure = true</c>: PLAIN is offered over plain-HTTP BOSH.</summary>
public sealed class ProsodyFixture : XmppServerFixture
{
    public override string Kind => "prosody";

    protected override string Binary => "prosody";
}

/// <summary>Prosody with <c>consider_bosh_secure = false</c>: only SCRAM over plain-HTTP BOSH.</summary>
public sealed class ProsodyInsecureBoshFixture : XmppServerFixture
{
    public override string Kind => "prosody";

    protected override string Binary => "prosody";

    protected override IEnumerable<string> StartOptions => ["--no-bosh-secure"];
}

/// <summary>ejabberd, the second server: BOSH at /bosh, SCRAM-SHA-512/256/1 and PLAIN.</summary>
public sealed class EjabberdFixture : XmppServerFixture
{
    public override string Kind => "ejabberd";

    protected override string Binary => "ejabberdctl";
}
