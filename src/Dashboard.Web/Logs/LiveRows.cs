namespace Dashboard.Web.Logs;

/// <summary>
/// The rows of a log view that follows new rows as they are stored: newest first, at most <c>maxRows</c>; the newest
/// row's id, so only newer rows are asked for; and, while the reader is scrolled away from the top, the new rows held
/// back and counted instead of moving the rows being read. Not thread-safe: a component uses it on its renderer.
/// </summary>
public sealed class LiveRows<TRow>(Func<TRow, long> idOf, Func<TRow, DateTimeOffset> atOf, int maxRows)
{
    private readonly List<TRow> _held = [];

    /// <summary>The rows shown, newest first; null until the first load.</summary>
    public List<TRow>? Rows { get; private set; }

    /// <summary>The newest id seen (shown or held); rows after it are new.</summary>
    public long NewestId { get; private set; }

    /// <summary>Changes with every load, so an answer to an older question is not mixed into a newer view.</summary>
    public int Generation { get; private set; }

    /// <summary>True while new rows are held back (the reader is scrolled away from the top).</summary>
    public bool Paused { get; private set; }

    /// <summary>New rows held back while paused.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Starts a load (a filter changed, a refresh): returns the generation to hand to <see cref="Load"/>.</summary>
    public int BeginLoad() => ++Generation;

    /// <summary>Shows <paramref name="rows"/> (newest first) from a load begun at <paramref name="generation"/>; a later load wins.</summary>
    public void Load(List<TRow> rows, int generation)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (generation != Generation)
        {
            return;
        }

        Rows = rows;
        _held.Clear();
        NewestId = rows.Count == 0 ? 0 : rows.Max(idOf);
    }

    /// <summary>
    /// Takes rows stored after <see cref="NewestId"/>, asked for at <paramref name="generation"/>: shows them at the top, or
    /// holds them while paused. Returns whether anything on screen changes.
    /// </summary>
    public bool Add(IReadOnlyList<TRow> newer, int generation)
    {
        ArgumentNullException.ThrowIfNull(newer);
        if (generation != Generation || Rows is null || newer.Count == 0)
        {
            return false;
        }

        var fresh = newer.Where(r => idOf(r) > NewestId).ToList();
        if (fresh.Count == 0)
        {
            return false;
        }

        NewestId = fresh.Max(idOf);
        if (Paused)
        {
            _held.AddRange(fresh);
            if (_held.Count > maxRows)
            {
                _held.RemoveRange(0, _held.Count - maxRows);
            }
        }
        else
        {
            Merge(fresh);
        }

        return true;
    }

    /// <summary>Holds new rows back while <paramref name="paused"/>; un-pausing shows what was held.</summary>
    public void SetPaused(bool paused)
    {
        Paused = paused;
        if (!paused)
        {
            ShowHeld();
        }
    }

    /// <summary>Shows the held rows at the top now.</summary>
    public void ShowHeld()
    {
        if (_held.Count > 0 && Rows is not null)
        {
            Merge(_held);
        }

        _held.Clear();
    }

    private void Merge(IEnumerable<TRow> fresh)
    {
        // Newest first by time, then id, as the database orders them; a row can be stored later than a newer-timed one.
        var merged = fresh.Concat(Rows!).DistinctBy(idOf).OrderByDescending(atOf).ThenByDescending(idOf).ToList();
        if (merged.Count > maxRows)
        {
            merged.RemoveRange(maxRows, merged.Count - maxRows);
        }

        Rows = merged;
    }
}
