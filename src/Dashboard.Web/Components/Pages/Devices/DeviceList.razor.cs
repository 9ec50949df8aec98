using System.Security.Claims;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Devices;

/// <summary>
/// Every known device in one grid: searched and filtered here, sorted and virtualised by the grid (a fleet of
/// thousands renders only the rows in view), refreshed by the live-update broker.
/// </summary>
public sealed partial class DeviceList : IDisposable
{
    /// <summary>The height of a dense row, which the grid's virtualisation needs to know.</summary>
    public const float RowHeight = 37;

    private IReadOnlyList<DeviceRow> _all = [];
    private List<DeviceRow> _shown = [];
    private IReadOnlyList<string> _sites = [];
    private IReadOnlyList<string> _areas = [];
    private DeviceFilter _filter = new();
    private LiveSubscription? _subscription;
    private string? _notice;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private TimeSpan StaleAfter => Options.Value.Polling.Interval * Options.Value.Polling.StaleAfterIntervals;

    protected override void OnInitialized()
    {
        Refresh();
        _subscription = Live.Subscribe(_ => InvokeAsync(() =>
        {
            Refresh();
            StateHasChanged();
        }));
    }

    private void Refresh()
    {
        var now = Time.GetUtcNow();
        _all = Registry.Devices.Select(d => DeviceRow.From(d, now, StaleAfter)).ToArray();
        _sites = Distinct(_all.Select(r => r.Site));
        _areas = Distinct(_all.Select(r => r.Area));
        _shown = _all.Where(_filter.Matches).ToList();
    }

    private static string[] Distinct(IEnumerable<string?> values) =>
        values.OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.CurrentCultureIgnoreCase).ToArray();

    private void SearchChanged(string? search) => Narrow(_filter with { Search = search });

    private void Narrow(DeviceFilter filter)
    {
        _filter = filter;
        _shown = _all.Where(_filter.Matches).ToList();
    }

    private static string RowClass(DeviceRow row, int index) => row.Quality is PointQuality.Offline or PointQuality.Fault ? "device-row-abnormal" : "";

    private async Task<ClaimsPrincipal> UserAsync() =>
        AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState.ConfigureAwait(true)).User;

    private async Task AddAsync()
    {
        var parameters = new DialogParameters<AddDeviceDialog> { { d => d.Requester, await UserAsync().ConfigureAwait(true) } };
        var dialog = await Dialogs.ShowAsync<AddDeviceDialog>("Add a device", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true }).ConfigureAwait(true);
        if (await dialog.Result.ConfigureAwait(true) is { Canceled: false, Data: DeviceState added })
        {
            _notice = $"Added {added.Name} ({added.Jid}). It shows Offline until it reports its presence.";
            Refresh();
        }
    }

    private async Task ImportAsync()
    {
        var parameters = new DialogParameters<ImportDevicesDialog> { { d => d.Requester, await UserAsync().ConfigureAwait(true) } };
        var dialog = await Dialogs.ShowAsync<ImportDevicesDialog>("Import devices from CSV", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true }).ConfigureAwait(true);
        if (await dialog.Result.ConfigureAwait(true) is { Canceled: false, Data: DeviceImportReport { Imported: true } report })
        {
            _notice = $"Import: {report.Summary}";
            Refresh();
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
