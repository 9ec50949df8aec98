using System.Globalization;
using System.Security.Claims;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Web.Settings;

/// <summary>
/// "Test connection": a separate, short-lived XMPP login with the values an Admin entered, reporting each
/// step as it happens. It binds a resource of its own, sends no presence and does not retry, so the live
/// hub session is never disturbed; it ends its session when done.
/// </summary>
public sealed partial class ConnectionTester(ConnectionSettingsProvider provider, ActionGuard guard, TimeProvider time, ILoggerFactory loggers)
{
    public const string TestAction = "settings.connection.test";

    /// <summary>The longest a whole test may take.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger<ConnectionTester>();

    /// <summary>
    /// Logs in with <paramref name="entered"/> (the password in use when none was entered), calling
    /// <paramref name="onStep"/> as each step starts and ends. Throws <see cref="ActionDeniedException"/> or
    /// <see cref="ConnectionSettingsInvalidException"/>; a failed login is a result, not an exception.
    /// </summary>
    public async Task<ConnectionTestResult> TestAsync(ConnectionSettingsChange entered, ClaimsPrincipal requester,
        Action<ConnectionTestStep>? onStep, CancellationToken cancellationToken)
    {
        var user = await guard.DemandAsync(requester, DashboardPolicies.Administer, TestAction, ConnectionSettingsService.AuditTarget).ConfigureAwait(false);
        var settings = entered.ApplyTo(provider.Editable);
        var errors = ConnectionSettingsValidator.Validate(settings);
        if (!settings.IsConfigured)
        {
            errors = [.. errors, new ConnectionSettingError(nameof(ConnectionSettings.BoshUrl), "Dashboard:Xmpp:BoshUrl", "Enter the BOSH URL to test.")];
        }

        if (errors.Count > 0)
        {
            throw new ConnectionSettingsInvalidException(errors);
        }

        var url = new Uri(settings.BoshUrl!);
        var account = Jid.Parse(settings.Jid!);
        var steps = new StepLog(onStep);
        Log.Testing(_logger, user, url, account);
        BoshTransport? transport = null;
        var client = new XmppClient(() => transport = new BoshTransport(new BoshOptions
        {
            Url = url,
            Wait = TimeSpan.FromSeconds(settings.WaitSeconds),
            Hold = settings.Hold,
            MaxAttempts = 1,
            TimeProvider = time,
        }, logger: loggers.CreateLogger<BoshTransport>()), new XmppClientOptions
        {
            Jid = account,
            Password = settings.Password!,
            Resource = $"{settings.Resource ?? "dashboard"}-test-{Guid.NewGuid().ToString("N")[..6]}",
            Sasl = SaslPolicy.Default with { AllowPlainOverInsecureTransport = settings.AllowPlainOverHttp },
            Reconnect = new ReconnectPolicy { Enabled = false },
            SendInitialPresence = false,
            ConnectTimeout = TimeSpan.FromSeconds(20),
            DefaultIqTimeout = TimeSpan.FromSeconds(10),
            TimeProvider = time,
        }, loggers.CreateLogger<XmppClient>());

        client.StateChanged += (_, e) =>
        {
            switch (e.State)
            {
                case XmppConnectionState.Authenticating:
                    steps.Succeed(ConnectionTestStepKind.Session, transport?.Session is { } granted ? Describe(granted) : "session created");
                    steps.Start(ConnectionTestStepKind.Authentication, $"signing in as {account}");
                    break;
                case XmppConnectionState.Binding:
                    steps.Succeed(ConnectionTestStepKind.Authentication, $"SASL {client.SaslMechanism}");
                    steps.Start(ConnectionTestStepKind.Binding, null);
                    break;
                case XmppConnectionState.Connected:
                    steps.Succeed(ConnectionTestStepKind.Binding, $"bound as {client.BoundJid}");
                    break;
            }
        };

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            steps.Start(ConnectionTestStepKind.Session, $"POST {url}");
            await client.ConnectAsync(limit.Token).ConfigureAwait(false);
            steps.Start(ConnectionTestStepKind.Discovery, $"disco#info of {account.Domain}");
            var info = await client.DiscoverAsync(new Jid(null, account.Domain, null), limit.Token).ConfigureAwait(false);
            var identity = info.Identities.FirstOrDefault();
            steps.Succeed(ConnectionTestStepKind.Discovery, string.Create(CultureInfo.InvariantCulture,
                $"{identity?.Name ?? account.Domain} ({identity?.Category ?? "?"}/{identity?.Type ?? "?"}), {info.Features.Count} features"));
            Log.Passed(_logger, url, account);
            return new ConnectionTestResult(true, steps.Snapshot(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ConnectionFailure.Explain(e, url, account.Domain);
            steps.FailRunning(reason);
            Log.Failed(_logger, url, account, reason);
            return new ConnectionTestResult(false, steps.Snapshot(), reason);
        }
        finally
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Describe(BoshSessionInfo granted) => string.Create(CultureInfo.InvariantCulture,
        $"granted wait {granted.Wait.TotalSeconds:0} s, hold {granted.Hold}, requests {granted.Requests}, inactivity {granted.Inactivity.TotalSeconds:0} s{(granted.Version is null ? "" : ", BOSH " + granted.Version)}");

    /// <summary>The steps so far, reported to the caller as each changes (the client raises states on its own threads).</summary>
    private sealed class StepLog(Action<ConnectionTestStep>? onStep)
    {
        private readonly Lock _gate = new();
        private readonly List<ConnectionTestStep> _steps = [];

        public void Start(ConnectionTestStepKind kind, string? detail) => Set(kind, ConnectionTestStepStatus.Running, detail);

        public void Succeed(ConnectionTestStepKind kind, string? detail) => Set(kind, ConnectionTestStepStatus.Succeeded, detail);

        public void FailRunning(string reason)
        {
            ConnectionTestStep? running;
            lock (_gate)
            {
                running = _steps.LastOrDefault(s => s.Status == ConnectionTestStepStatus.Running);
            }

            Set(running?.Kind ?? ConnectionTestStepKind.Session, ConnectionTestStepStatus.Failed, reason);
        }

        public IReadOnlyList<ConnectionTestStep> Snapshot()
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }

        private void Set(ConnectionTestStepKind kind, ConnectionTestStepStatus status, string? detail)
        {
            var step = new ConnectionTestStep(kind, status, ConnectionTestStep.TitleOf(kind), detail);
            lock (_gate)
            {
                var index = _steps.FindIndex(s => s.Kind == kind);
                if (index >= 0)
                {
                    _steps[index] = step;
                }
                else
                {
                    _steps.Add(step);
                }
            }

            onStep?.Invoke(step);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{User} tests the connection to {Url} as {Account}")]
        public static partial void Testing(ILogger logger, string user, Uri url, Jid account);

        [LoggerMessage(2, LogLevel.Information, "Connection test to {Url} as {Account} passed")]
        public static partial void Passed(ILogger logger, Uri url, Jid account);

        [LoggerMessage(3, LogLevel.Warning, "Connection test to {Url} as {Account} failed: {Reason}")]
        public static partial void Failed(ILogger logger, Uri url, Jid account, string reason);
    }
}
