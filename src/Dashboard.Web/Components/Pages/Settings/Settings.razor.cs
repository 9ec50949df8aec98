using System.Security.Claims;
using Dashboard.Web.Security;
using Dashboard.Web.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Settings;

/// <summary>
/// The connection settings form for Admins: save (the hub reconnects) and test a login with the entered
/// values. The saved password never reaches the browser; the page says only whether one is set.
/// </summary>
public sealed partial class Settings : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<ConnectionTestStep> _steps = [];
    private FormModel _form = new();
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private bool _passwordSet;
    private bool _busy;
    private string? _message;
    private Severity _messageSeverity;
    private ConnectionTestResult? _testResult;

    [Inject] private ConnectionSettingsProvider Provider { get; set; } = null!;

    [Inject] private ConnectionSettingsService Service { get; set; } = null!;

    [Inject] private ConnectionTester Tester { get; set; } = null!;

    [Inject] private DashboardDataFolder Folder { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private static string DefaultResource => $"dashboard-{Environment.MachineName.ToLowerInvariant()}";

    private string SourceText => Provider.Source == ConnectionSettingsSource.SavedFile
        ? $"In use: the settings saved here ({Folder.ConnectionSettingsFile}); they take precedence over appsettings.json and environment variables."
        : "In use: appsettings.json and environment variables (nothing saved here yet).";

    protected override void OnInitialized() => Load(Provider.Editable);

    private void Load(ConnectionSettings settings)
    {
        _form = FormModel.From(settings);
        _passwordSet = settings.HasPassword;
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        if (!StartAction())
        {
            return;
        }

        try
        {
            var changed = await Service.SaveAsync(_form.ToChange(), await UserAsync(), _lifetime.Token);
            Load(Provider.Current);
            Show(changed.Count == 0 ? Severity.Info : Severity.Success, changed.Count == 0
                ? "Nothing changed."
                : $"Saved ({string.Join(", ", changed)} changed). The XMPP session is re-established with the new settings.");
        }
        catch (ConnectionSettingsInvalidException e)
        {
            ShowErrors(e.Errors);
        }
        catch (ConnectionSettingsFileException e)
        {
            Show(Severity.Error, e.Message);
        }
        catch (ActionDeniedException)
        {
            Show(Severity.Error, "Only an Admin may change the connection settings.");
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task TestAsync()
    {
        if (!StartAction())
        {
            return;
        }

        _steps.Clear();
        _testResult = null;
        try
        {
            var result = await Tester.TestAsync(_form.ToChange(), await UserAsync(), OnStep, _lifetime.Token);
            _steps.Clear();
            _steps.AddRange(result.Steps);
            _testResult = result;
        }
        catch (ConnectionSettingsInvalidException e)
        {
            ShowErrors(e.Errors);
        }
        catch (ActionDeniedException)
        {
            Show(Severity.Error, "Only an Admin may test the connection settings.");
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Steps arrive on the test's threads; each is shown as it happens.</summary>
    private void OnStep(ConnectionTestStep step) => _ = InvokeAsync(() =>
    {
        if (_testResult is not null)
        {
            return; // the final list is already shown
        }

        var index = _steps.FindIndex(s => s.Kind == step.Kind);
        if (index >= 0)
        {
            _steps[index] = step;
        }
        else
        {
            _steps.Add(step);
        }

        StateHasChanged();
    });

    private bool StartAction()
    {
        if (_busy)
        {
            return false;
        }

        _busy = true;
        _message = null;
        _errors = new Dictionary<string, string>();
        return true;
    }

    private void Show(Severity severity, string message) => (_messageSeverity, _message) = (severity, message);

    private void ShowErrors(IReadOnlyList<ConnectionSettingError> errors)
    {
        _errors = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
        Show(Severity.Error, "Some settings need correcting; nothing was saved.");
    }

    private async Task<ClaimsPrincipal> UserAsync() =>
        AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    /// <summary>What the form edits; the new password lives only here, on the server, until saved or tested.</summary>
    private sealed class FormModel
    {
        public string? BoshUrl { get; set; }

        public string? Jid { get; set; }

        public string? NewPassword { get; set; }

        public string? Resource { get; set; }

        public int WaitSeconds { get; set; }

        public int Hold { get; set; }

        public double PollIntervalSeconds { get; set; }

        public bool AllowPlainOverHttp { get; set; }

        public static FormModel From(ConnectionSettings settings) => new()
        {
            BoshUrl = settings.BoshUrl,
            Jid = settings.Jid,
            Resource = settings.Resource,
            WaitSeconds = settings.WaitSeconds,
            Hold = settings.Hold,
            PollIntervalSeconds = Math.Round(settings.PollInterval.TotalSeconds, 3, MidpointRounding.AwayFromZero),
            AllowPlainOverHttp = settings.AllowPlainOverHttp,
        };

        public ConnectionSettingsChange ToChange() => new()
        {
            BoshUrl = BoshUrl,
            Jid = Jid,
            NewPassword = NewPassword,
            Resource = Resource,
            WaitSeconds = WaitSeconds,
            Hold = Hold,
            PollInterval = double.IsFinite(PollIntervalSeconds) && PollIntervalSeconds < TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(PollIntervalSeconds)
                : TimeSpan.MaxValue,
            AllowPlainOverHttp = AllowPlainOverHttp,
        };
    }
}
