using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Web.Tests.Components;

/// <summary>Holds database reads while closed, so a test sees what a page shows before its data arrives.</summary>
public sealed class CommandGate : DbCommandInterceptor
{
    private volatile TaskCompletionSource _open = Opened();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _reads = new();

    /// <summary>How many reads so far were SELECTs whose text contains <paramref name="text"/> (e.g. a quoted table name).</summary>
    public int SelectsMentioning(string text) =>
        _reads.Count(r => r.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && r.Contains(text, StringComparison.Ordinal));

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _reads.Enqueue(command.CommandText);
        await _open.Task.WaitAsync(cancellationToken);
        return result;
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
