using System.Data.Common;
using Dashboard.Web.Live;
using Dashboard.Web.Logs;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Logs;

/// <summary>
/// A log tab that follows its log live: rows stored after the view was loaded appear at the top without a reload,
/// through the same filter (asked of the database), at most one render per broker delivery (~100 ms). While the reader
/// is scrolled away from the top new rows wait, counted, so the rows being read do not move.
/// </summary>
public abstract class LiveLog<TRow> : ComponentBase, IDisposable
{
    private LiveSubscription? _subscription;

    [Inject] private LiveUpdates Live { get; set; } = null!;

    /// <summary>The rows shown and held.</summary>
    protected LiveRows<TRow> View { get; }

    /// <summary>The list, to scroll it back to the top when the held rows are shown.</summary>
    protected LogList<TRow>? List { get; set; }

    protected LiveLog(Func<TRow, long> idOf, Func<TRow, DateTimeOffset> atOf) => View = new LiveRows<TRow>(idOf, atOf, LogQueries.MaxRows);

    /// <summary>True when <paramref name="change"/> may have stored a row of this log.</summary>
    protected abstract bool Concerns(LiveChange change);

    /// <summary>The rows matching the filter on screen, newest first; only those stored after <paramref name="afterId"/> when it is above 0.</summary>
    protected abstract Task<List<TRow>> QueryAsync(long afterId, CancellationToken cancellationToken);

    protected override async Task OnInitializedAsync()
    {
        _subscription = Live.Subscribe(changes => changes.Any(Concerns) ? InvokeAsync(AddNewerAsync) : Task.CompletedTask);
        await LoadAsync();
    }

    /// <summary>Reads the view afresh (first show, a filter change, Refresh).</summary>
    protected async Task LoadAsync()
    {
        var generation = View.BeginLoad();
        View.Load(await QueryAsync(0, CancellationToken.None), generation);
    }

    /// <summary>The list reports the reader scrolled away from its top (true) or back to it (false).</summary>
    protected void OnScrolledAway(bool away) => View.SetPaused(away);

    /// <summary>Shows the held rows and takes the reader back to the top, where new rows arrive.</summary>
    protected async Task ShowHeldAsync()
    {
        View.ShowHeld();
        if (List is not null)
        {
            await List.ScrollToTopAsync();
        }
    }

    private async Task AddNewerAsync()
    {
        if (View.Rows is null)
        {
            return;
        }

        var generation = View.Generation;
        try
        {
            if (View.Add(await QueryAsync(View.NewestId, CancellationToken.None), generation))
            {
                StateHasChanged();
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The next stored row asks again; the rows already shown stay.
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _subscription?.Dispose();
        }
    }
}
