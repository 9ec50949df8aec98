using System.Collections.Immutable;
using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Devices;

/// <summary>
/// One device: its presence and quality, its points live with sparklines, a history chart from stored samples,
/// its presence timeline and notes; Operators write setpoints and see each write through to its read-back.
/// </summary>
public sealed partial class DeviceDetail : IDisposable
{
    private const int PresenceShown = 20;

    /// <summary>Sparklines are re-read at most this often while values stream in.</summary>
    private static readonly TimeSpan SparklineRefresh = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, PointWriteStatus> _writes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MudButton> _writeButtons = new(StringComparer.Ordinal);
    private string? _refocusWrite;
    private Jid? _jid;
    private DeviceState? _device;
    private PointQuality _quality;
    private DateTimeOffset _asOf;
    private IReadOnlyDictionary<string, DataPointFormat> _formats = new Dictionary<string, DataPointFormat>();
    private readonly HashSet<string> _formatsLookedUp = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, IReadOnlyList<HistoryBucket>> _sparklines = new Dictionary<string, IReadOnlyList<HistoryBucket>>();
    private DateTimeOffset _sparklinesAt;
    private IReadOnlyList<PresenceChange> _presence = [];
    private string? _chartPoint;
    private HistoryRange _range = HistoryRange.Hour;
    private IReadOnlyList<HistoryBucket> _buckets = [];
    private List<ChartSeries<double>> _chartSeries = [];
    private readonly TimeSeriesChartOptions _chartOptions = new() { ShowLegend = false, TimeLabelFormat = "HH:mm", TooltipTimeLabelFormat = "yyyy-MM-dd HH:mm" };
    private bool _historyLoading = true;
    private string? _notes;
    private string? _notesDraft;
    private bool _editingNotes;
    private string? _notesError;
    private LiveSubscription? _subscription;
    private readonly CancellationTokenSource _closed = new();

    /// <summary>The device's bare JID, from the address.</summary>
    [Parameter] public string Address { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private TimeSpan StaleAfter => Options.Value.Polling.Interval * Options.Value.Polling.StaleAfterIntervals;

    private string Presence => _device!.IsOnline
        ? $"{_device.Availability}{Since}"
        : $"Offline{Since}";

    private string Since => _device?.PresenceSince is { } since ? " since " + since.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    private string? Place => string.Join(" / ", new[] { _device?.Site, _device?.Area }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } place ? place : null;

    private IEnumerable<string> NumericPoints => _device is null ? [] :
        _device.Points.Values.Where(p => p.Numeric is not null).Select(p => p.Name).Order(StringComparer.Ordinal);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_refocusWrite is { } name)
        {
            _refocusWrite = null;
            if (_writeButtons.TryGetValue(name, out var button))
            {
                await button.FocusAsync();
            }
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var jid = DeviceAddress.TryParse(Address, out var parsed, out _) ? parsed : null;
        if (jid != _jid)
        {
            // Another device in the same page instance: nothing of the previous one carries over.
            (_jid, _chartPoint, _buckets) = (jid, null, []);
            _writes.Clear();
            _formatsLookedUp.Clear();
        }

        Refresh();
        if (_jid is null || _device is null)
        {
            _historyLoading = false;
            return;
        }

        _subscription ??= Live.Subscribe(OnChangesAsync);
        var ct = _closed.Token;
        _formats = await Catalog.ForDeviceAsync(_jid, ct);
        _notes = await NotesService.GetAsync(_jid, ct);
        _presence = await History.PresenceAsync(_jid, PresenceShown, ct);
        await LoadSparklinesAsync(ct);
        _chartPoint ??= DefaultChartPoint();
        await LoadHistoryAsync();
    }

    private void Refresh()
    {
        _asOf = Time.GetUtcNow();
        _device = _jid is null ? null : Registry.Find(_jid);
        _quality = _device?.Quality(_asOf, StaleAfter) ?? PointQuality.Unknown;
    }

    private Task OnChangesAsync(IReadOnlyCollection<LiveChange> changes)
    {
        var key = _jid?.ToString();
        if (!changes.Any(c => c.Device == key))
        {
            return Task.CompletedTask;
        }

        return InvokeAsync(async () =>
        {
            var wasOnline = _device?.IsOnline;
            Refresh();
            var ct = _closed.Token;
            if (_device is not null && _device.IsOnline != wasOnline)
            {
                _presence = await History.PresenceAsync(_jid!, PresenceShown, ct);
            }

            // A point first read while the page is open: its listing (annotation, direction) is stored by now.
            if (_device is not null && _device.Points.Keys.Any(name => !_formats.ContainsKey(name) && _formatsLookedUp.Add(name)))
            {
                _formats = await Catalog.ForDeviceAsync(_jid!, ct);
            }

            if (Time.GetUtcNow() - _sparklinesAt >= SparklineRefresh)
            {
                await LoadSparklinesAsync(ct);
            }

            _chartPoint ??= DefaultChartPoint();
            StateHasChanged();
        });
    }

    private async Task LoadSparklinesAsync(CancellationToken cancellationToken)
    {
        _sparklinesAt = Time.GetUtcNow();
        _sparklines = await History.AllPointsAsync(_jid!, _sparklinesAt - HistoryRange.Hour.Span, _sparklinesAt, 30, cancellationToken);
    }

    /// <summary>The first numeric point with recent history, else the first numeric point.</summary>
    private string? DefaultChartPoint() => NumericPoints.FirstOrDefault(_sparklines.ContainsKey) ?? NumericPoints.FirstOrDefault();

    private IReadOnlyList<double> SparklineOf(string point) =>
        _sparklines.TryGetValue(point, out var buckets) ? buckets.Select(b => b.Average).ToArray() : [];

    private async Task ChartPointChanged(string? point)
    {
        _chartPoint = point;
        await LoadHistoryAsync();
    }

    private async Task RangeChanged(HistoryRange range)
    {
        _range = range;
        await LoadHistoryAsync();
    }

    private async Task LoadHistoryAsync()
    {
        if (_chartPoint is null || _jid is null)
        {
            _historyLoading = false;
            return;
        }

        _historyLoading = true;
        StateHasChanged();
        var to = Time.GetUtcNow();
        _buckets = await History.BucketsAsync(_jid, _chartPoint, to - _range.Span, to, _range.Buckets, _closed.Token);
        _chartSeries =
        [
            new ChartSeries<double>
            {
                Name = ShortName(_chartPoint),
                Data = _buckets.Select(b => new MudBlazor.Charts.TimeValue<double>(b.Start.LocalDateTime, b.Average)).ToArray(),
            },
        ];
        _chartOptions.TimeLabelFormat = _range.Span > TimeSpan.FromDays(1) ? "dd/MM HH:mm" : "HH:mm";
        _historyLoading = false;
    }

    /// <summary>The annotation the device listed with the point, if any.</summary>
    private string? AnnotationOf(PointState point) =>
        _formats.TryGetValue(point.Name, out var format) && !string.IsNullOrWhiteSpace(format.Annotation) ? format.Annotation : null;

    private bool IsWritable(PointState point) => !_formats.TryGetValue(point.Name, out var format) || format.IsWritable;

    private bool IsPending(PointState point) => _writes.TryGetValue(point.Name, out var write) && write.State == WriteState.Pending;

    private async Task WriteAsync(PointState point)
    {
        var snvt = _formats.TryGetValue(point.Name, out var format) ? format.Snvt : null;
        var parameters = new DialogParameters<WriteSetpointDialog> { { d => d.Point, point }, { d => d.Snvt, snvt } };
        // The dialog's focus trap takes the focus (Tab then reaches the new value); a cancelled dialog hands it
        // back to the Write button it came from, once the dialog has left the page (focusing it earlier, the
        // closing trap would pull the focus back in and drop it with the dialog).
        var dialog = await Dialogs.ShowAsync<WriteSetpointDialog>($"Write {ShortName(point.Name)}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: PointWrite write })
        {
            _refocusWrite = point.Name;
            StateHasChanged();
            return;
        }

        _writes[point.Name] = new PointWriteStatus(WriteState.Pending, $"Writing {write.Value} at priority {write.Priority}…");
        StateHasChanged();
        _writes[point.Name] = await SendAsync(write);
    }

    private async Task<PointWriteStatus> SendAsync(PointWrite write)
    {
        try
        {
            var outcome = await Writer.WriteAsync(_jid!, write, await UserAsync(), _closed.Token);
            return new PointWriteStatus(outcome.Applied ? WriteState.Confirmed : WriteState.Held, outcome.Message);
        }
        catch (ActionDeniedException)
        {
            return new PointWriteStatus(WriteState.Failed, "Your role may not write setpoints.");
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            return new PointWriteStatus(WriteState.Failed, "The page was closed before the device answered.");
        }
        catch (Exception e) when (e is SoapFault or SmartServerItemFaultException or XmppTimeoutException or StanzaErrorException
            or XmppDisconnectedException or SmartServerResponseException or ArgumentException or InvalidOperationException)
        {
            return new PointWriteStatus(WriteState.Failed, e.Message);
        }
    }

    private async Task<ClaimsPrincipal> UserAsync() => AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;

    private void EditNotes()
    {
        _notesDraft = _notes;
        _notesError = null;
        _editingNotes = true;
    }

    private async Task SaveNotesAsync()
    {
        try
        {
            await NotesService.SaveAsync(_jid!, _notesDraft, await UserAsync(), _closed.Token);
            _notes = await NotesService.GetAsync(_jid!, _closed.Token);
            (_editingNotes, _notesError) = (false, null);
        }
        catch (ActionDeniedException)
        {
            _notesError = "Only an Admin may change notes.";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            _notesError = e.Message;
        }
    }

    private static string ShortName(string name) => name[(name.LastIndexOf('/') + 1)..];

    private static Color WriteColour(WriteState state) => state switch
    {
        WriteState.Failed => Color.Error,
        WriteState.Held => Color.Warning,
        _ => Color.Default,
    };

    private static string WriteIcon(WriteState state) => state switch
    {
        WriteState.Pending => Icons.Material.Filled.HourglassTop,
        WriteState.Confirmed => Icons.Material.Filled.CheckCircleOutline,
        WriteState.Held => Icons.Material.Filled.PauseCircleOutline,
        _ => Icons.Material.Filled.ErrorOutline,
    };

    private static string WriteText(PointWriteStatus write) => write.State switch
    {
        WriteState.Pending => "Writing…",
        WriteState.Confirmed => "Confirmed",
        WriteState.Held => "Held by a higher priority",
        _ => "Failed: " + write.Message,
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        _closed.Cancel();
        _closed.Dispose();
    }
}
