using Dashboard.Web.Alarms;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components.Pages.Wall;

/// <summary>
/// The full-screen wall display. <c>?rotate=60</c> cycles overview → alarms every 60 seconds; <c>?view=alarms</c> starts on
/// the alarms. A new unacknowledged Critical alarm brings the alarms up at once, for a full period; lesser ones only make the banner flash.
/// </summary>
public sealed partial class Wall : IDisposable
{
    /// <summary>How often ages ("12 min ago") and staleness are worked out again without any change arriving.</summary>
    private static readonly TimeSpan AgeRefresh = TimeSpan.FromSeconds(15);

    /// <summary>The severity from which a new alarm takes over the wall.</summary>
    public const AlarmSeverity JumpAtSeverity = AlarmSeverity.Critical;

    private readonly HashSet<long> _seenAlarms = [];
    private IReadOnlyList<DeviceState> _devices = [];
    private IReadOnlyList<AlarmRow> _alarms = [];
    private DateTimeOffset _asOf;
    private WallView _view;
    private LiveSubscription? _subscription;
    private ITimer? _ageTimer;
    private ITimer? _rotationTimer;

    [Inject] private DeviceRegistry Registry { get; set; } = null!;

    [Inject] private OpenAlarms Open { get; set; } = null!;

    [Inject] private LiveUpdates Live { get; set; } = null!;

    [Inject] private XmppHub Hub { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private IOptions<DashboardOptions> Options { get; set; } = null!;

    /// <summary>Seconds each view stays before the next (at least 10); none: no rotation.</summary>
    [SupplyParameterFromQuery(Name = "rotate")] public int? Rotate { get; set; }

    /// <summary><c>alarms</c> to start on the alarms view.</summary>
    [SupplyParameterFromQuery(Name = "view")] public string? StartView { get; set; }

    private TimeSpan StaleAfter => Options.Value.Polling.Interval * Options.Value.Polling.StaleAfterIntervals;

    private TimeSpan? RotationPeriod => Rotate is > 0 ? TimeSpan.FromSeconds(Math.Max(10, Rotate.Value)) : null;

    protected override async Task OnInitializedAsync()
    {
        _view = string.Equals(StartView, "alarms", StringComparison.OrdinalIgnoreCase) ? WallView.Alarms : WallView.Overview;
        RefreshDevices();
        Open.Changed += OnAlarmsChanged;
        _subscription = Live.Subscribe(_ => InvokeAsync(() =>
        {
            RefreshDevices();
            StateHasChanged();
        }));
        _ageTimer = Time.CreateTimer(_ => _ = InvokeAsync(() =>
        {
            _asOf = Time.GetUtcNow();
            StateHasChanged();
        }), null, AgeRefresh, AgeRefresh);
        StartRotation();
        try
        {
            _alarms = await Open.GetAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            _alarms = [];
        }

        _seenAlarms.UnionWith(_alarms.Select(a => a.Id));
    }

    private void RefreshDevices()
    {
        _asOf = Time.GetUtcNow();
        _devices = Registry.Devices.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase).ToArray();
    }

    private void OnAlarmsChanged() => _ = InvokeAsync(() =>
    {
        _alarms = Open.Current ?? [];
        _asOf = Time.GetUtcNow();
        var urgent = _alarms.Any(a => !_seenAlarms.Contains(a.Id) && !a.IsAcknowledged && a.Severity >= JumpAtSeverity);
        _seenAlarms.UnionWith(_alarms.Select(a => a.Id));
        if (urgent)
        {
            _view = WallView.Alarms;
            StartRotation();
        }

        StateHasChanged();
    });

    /// <summary>(Re)starts the rotation so the current view stays a full period.</summary>
    private void StartRotation()
    {
        _rotationTimer?.Dispose();
        if (RotationPeriod is { } period)
        {
            _rotationTimer = Time.CreateTimer(_ => _ = InvokeAsync(() =>
            {
                _view = _view == WallView.Overview ? WallView.Alarms : WallView.Overview;
                _asOf = Time.GetUtcNow();
                StateHasChanged();
            }), null, period, period);
        }
    }

    public void Dispose()
    {
        Open.Changed -= OnAlarmsChanged;
        _subscription?.Dispose();
        _ageTimer?.Dispose();
        _rotationTimer?.Dispose();
    }
}
