using System.Data.Common;
using System.Security.Claims;
using Dashboard.Web.Alarms;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Alarms;

/// <summary>Open alarms (live) and their history, filtered; Operators acknowledge one or many with a comment.</summary>
public sealed partial class Alarms
{
    private const int HistoryTab = 1;

    /// <summary>Up to this many active alarms the table grows with them; above it, it scrolls and renders only the rows in view.</summary>
    public const int VirtualizeAbove = 50;

    /// <summary>A dense row with the device's name over its JID, in pixels, for the scroll estimate.</summary>
    private const float ActiveRowHeight = 53;
    private IReadOnlyList<AlarmRow>? _open;
    private List<AlarmRow> _active = [];
    private HashSet<AlarmRow> _selected = [];
    private IReadOnlyList<AlarmHistoryEntry>? _history;
    private IReadOnlyCollection<AlarmSeverity> _severities = [];
    private IReadOnlyCollection<AlarmState> _states = [];
    private string? _device;
    private string? _from;
    private string? _to;
    private string? _fromError;
    private string? _toError;
    private int _tab;
    private bool _canOperate;
    private DateTimeOffset _asOf;
    private ClaimsPrincipal _user = new();
    private LiveSubscription? _subscription;
    private (Severity Severity, string Text)? _message;

    [Inject] private OpenAlarms Open { get; set; } = null!;

    [Inject] private AlarmHistory History { get; set; } = null!;

    [Inject] private AlarmTracker Tracker { get; set; } = null!;

    [Inject] private LiveUpdates Live { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private IAuthorizationService Authorization { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The scrolling table's height once it is long enough to virtualise; null lets it grow.</summary>
    private string? ActiveHeight => _active.Count > VirtualizeAbove ? "65vh" : null;

    /// <summary>The unacknowledged alarms among the selected ones: the ones a bulk acknowledgement changes.</summary>
    private List<AlarmRow> SelectedUnacknowledged => _selected.Where(a => !a.IsAcknowledged).ToList();

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            _user = (await AuthenticationState).User;
            _canOperate = (await Authorization.AuthorizeAsync(_user, DashboardPolicies.Operate)).Succeeded;
        }

        Open.Changed += OnOpenAlarmsChanged;
        _subscription = Live.Subscribe(OnLiveChangesAsync);
        try
        {
            ShowOpen(await Open.GetAsync(CancellationToken.None));
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            _open = [];
            _message = (Severity.Error, "The alarms could not be read from the database.");
        }
    }

    private void ShowOpen(IReadOnlyList<AlarmRow> open)
    {
        _asOf = Time.GetUtcNow();
        _open = open;
        var filter = Filter();
        _active = open.Where(filter.Matches).ToList();
        // A selection survives a refresh for the alarms still shown; rows are records, so the new instances differ.
        var selectedIds = _selected.Select(a => a.Id).ToHashSet();
        _selected = _active.Where(a => selectedIds.Contains(a.Id)).ToHashSet();
    }

    private AlarmFilter Filter() => new()
    {
        Severities = _severities.ToHashSet(),
        States = _states.ToHashSet(),
        Device = _device,
        From = TimeText.ParseLocalInput(_from),
        To = TimeText.ParseLocalInput(_to),
    };

    private void OnOpenAlarmsChanged() => _ = InvokeAsync(() =>
    {
        ShowOpen(Open.Current ?? []);
        StateHasChanged();
    });

    /// <summary>The history tab follows alarm changes as they happen, like the active list.</summary>
    private async Task OnLiveChangesAsync(IReadOnlyCollection<LiveChange> changes)
    {
        if (_tab == HistoryTab && changes.Any(c => c.Kind == LiveChangeKind.Alarm))
        {
            await InvokeAsync(LoadHistoryAsync);
        }
    }

    private async Task LoadHistoryAsync()
    {
        if (_fromError is not null || _toError is not null)
        {
            return;
        }

        try
        {
            _history = await History.QueryAsync(Filter(), CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            _history = [];
            _message = (Severity.Error, "The alarm history could not be read from the database.");
        }

        StateHasChanged();
    }

    private async Task OnTabChanged(int tab)
    {
        _tab = tab;
        if (tab == HistoryTab)
        {
            await LoadHistoryAsync();
        }
    }

    private Task OnSeveritiesChanged(IEnumerable<AlarmSeverity>? severities)
    {
        _severities = severities?.ToArray() ?? [];
        return FilterChangedAsync();
    }

    private Task OnStatesChanged(IEnumerable<AlarmState>? states)
    {
        _states = states?.ToArray() ?? [];
        return FilterChangedAsync();
    }

    private Task OnDeviceChanged(string? device)
    {
        _device = device;
        return FilterChangedAsync();
    }

    private Task OnFromChanged(string? from)
    {
        _from = from;
        _fromError = TimeText.ValidateLocalInput(from);
        return FilterChangedAsync();
    }

    private Task OnToChanged(string? to)
    {
        _to = to;
        _toError = TimeText.ValidateLocalInput(to);
        return FilterChangedAsync();
    }

    private async Task FilterChangedAsync()
    {
        ShowOpen(_open ?? []);
        if (_tab == HistoryTab)
        {
            await LoadHistoryAsync();
        }
    }

    private Task AcknowledgeOneAsync(AlarmRow alarm) => AcknowledgeAsync([alarm]);

    private Task AcknowledgeSelectedAsync() => AcknowledgeAsync(SelectedUnacknowledged);

    private async Task AcknowledgeAsync(IReadOnlyList<AlarmRow> alarms)
    {
        if (alarms.Count > AlarmTracker.MaxBulkAcknowledge)
        {
            _message = (Severity.Warning, $"Select at most {AlarmTracker.MaxBulkAcknowledge:N0} alarms at a time; narrow the filter.");
            return;
        }

        var parameters = new DialogParameters<AcknowledgeDialog> { { d => d.Alarms, alarms } };
        var dialog = await Dialogs.ShowAsync<AcknowledgeDialog>(null, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled)
        {
            return;
        }

        var comment = result.Data as string is { Length: > 0 } text ? text : null;
        try
        {
            var acknowledged = alarms.Count == 1
                ? await Tracker.AcknowledgeAsync(alarms[0].Id, _user, comment, CancellationToken.None) ? 1 : 0
                : await Tracker.AcknowledgeManyAsync(alarms.Select(a => a.Id).ToArray(), _user, comment, CancellationToken.None);
            _message = acknowledged == alarms.Count
                ? (Severity.Success, acknowledged == 1 ? "Alarm acknowledged." : $"{acknowledged} alarms acknowledged.")
                : (Severity.Info, $"{acknowledged} of {alarms.Count} acknowledged; the others were acknowledged meanwhile or are gone.");
            _selected.Clear();
            ShowOpen(await Open.ReloadAsync(CancellationToken.None));
        }
        catch (ArgumentOutOfRangeException)
        {
            _message = (Severity.Warning, $"A comment may have at most {AlarmTracker.MaxCommentLength} characters; nothing was acknowledged.");
        }
        catch (ActionDeniedException)
        {
            _message = (Severity.Error, "Your role may not acknowledge alarms; the attempt was recorded.");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            _message = (Severity.Error, "The acknowledgement could not be stored; nothing was changed. Try again.");
        }
    }

    public void Dispose()
    {
        Open.Changed -= OnOpenAlarmsChanged;
        _subscription?.Dispose();
    }
}
