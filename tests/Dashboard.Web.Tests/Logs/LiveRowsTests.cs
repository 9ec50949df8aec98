using Dashboard.Web.Logs;

namespace Dashboard.Web.Tests.Logs;

public sealed class LiveRowsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private sealed record Row(long Id, DateTimeOffset At);

    private static LiveRows<Row> Loaded(int maxRows, params Row[] rows)
    {
        var view = new LiveRows<Row>(r => r.Id, r => r.At, maxRows);
        view.Load([.. rows], view.BeginLoad());
        return view;
    }

    [Fact]
    public void Add_NewerRows_GoOnTopInTimeOrder_EvenWhenStoredOutOfOrder()
    {
        var view = Loaded(10, new Row(2, T0.AddSeconds(2)), new Row(1, T0));

        // Row 4 started before row 3 but was stored after it (a slow exchange).
        Assert.True(view.Add([new Row(4, T0.AddSeconds(1)), new Row(3, T0.AddSeconds(5))], view.Generation));

        Assert.Equal([3L, 2, 4, 1], view.Rows!.Select(r => r.Id));
        Assert.Equal(4, view.NewestId);
    }

    [Fact]
    public void Add_BeyondMaxRows_KeepsTheNewest()
    {
        var view = Loaded(3, new Row(3, T0.AddSeconds(3)), new Row(2, T0.AddSeconds(2)), new Row(1, T0.AddSeconds(1)));

        view.Add([new Row(4, T0.AddSeconds(4)), new Row(5, T0.AddSeconds(5))], view.Generation);

        Assert.Equal([5L, 4, 3], view.Rows!.Select(r => r.Id));
    }

    [Fact]
    public void Add_AnswerToAnEarlierLoad_IsIgnored()
    {
        var view = Loaded(10, new Row(1, T0));
        var asked = view.Generation;
        var reload = view.BeginLoad();
        view.Load([new Row(7, T0.AddSeconds(7))], reload);

        Assert.False(view.Add([new Row(2, T0.AddSeconds(2))], asked));
        Assert.Equal([7L], view.Rows!.Select(r => r.Id));
    }

    [Fact]
    public void Add_RowsAlreadySeen_ChangeNothing()
    {
        var view = Loaded(10, new Row(5, T0));

        Assert.False(view.Add([new Row(5, T0), new Row(4, T0)], view.Generation));
        Assert.Single(view.Rows!);
    }

    [Fact]
    public void Paused_NewRowsHeldAndCounted_ShownWhenUnpaused()
    {
        var view = Loaded(10, new Row(1, T0));
        view.SetPaused(true);

        Assert.True(view.Add([new Row(2, T0.AddSeconds(1))], view.Generation));
        Assert.True(view.Add([new Row(3, T0.AddSeconds(2))], view.Generation));

        Assert.Equal(2, view.HeldCount);
        Assert.Equal([1L], view.Rows!.Select(r => r.Id));
        view.SetPaused(false);
        Assert.Equal(0, view.HeldCount);
        Assert.Equal([3L, 2, 1], view.Rows!.Select(r => r.Id));
    }

    [Fact]
    public void Load_AfterHeldRows_DropsThemAndStartsFromTheLoadedRows()
    {
        var view = Loaded(10, new Row(1, T0));
        view.SetPaused(true);
        view.Add([new Row(2, T0.AddSeconds(1))], view.Generation);

        view.Load([new Row(2, T0.AddSeconds(1)), new Row(1, T0)], view.BeginLoad());

        Assert.Equal(0, view.HeldCount);
        Assert.Equal(2, view.NewestId);
    }
}
