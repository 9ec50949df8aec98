using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Data;

/// <summary>
/// The writer while the database refuses writes: a real SQLite file that has no tables until the test
/// migrates it, as a database that comes back would.
/// </summary>
public sealed class StoreWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"writer-{Guid.NewGuid():N}.db");
    private PooledDbContextFactory<DashboardDbContext> _contexts = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _contexts = new PooledDbContextFactory<DashboardDbContext>(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseSqlite($"Data Source={_database};Pooling=False").Options);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(_database);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task FailingBatch_KeptAndRetried_StoredOnceTheDatabaseTakesWrites()
    {
        using var writer = new StoreWriter(_contexts, NullLogger<StoreWriter>.Instance, TimeProvider.System);
        var changes = 0;
        writer.StatusChanged += (_, _) => Interlocked.Increment(ref changes);
        await writer.StartAsync(Ct);
        writer.Enqueue(Presence("a"));
        writer.Enqueue(Presence("b"));

        await Eventually.WaitUntilAsync(() => writer.LastError is not null, Deadline, "the first batch to fail", Ct);
        Assert.Contains("no such table", writer.LastError, StringComparison.Ordinal);
        Assert.NotNull(writer.FailingSince);
        Assert.Equal(2, writer.Backlog);

        await MigrateAsync();
        // The backlog empties before the writer clears its error and announces recovery: wait for all of it.
        await Eventually.WaitUntilAsync(() => writer.Backlog == 0 && writer.LastError is null && writer.FailingSince is null && Volatile.Read(ref changes) >= 2,
            Deadline, "the kept batch stored and the recovery announced", Ct);

        Assert.Equal(["a", "b"], await JidsAsync());
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task BacklogAtTheLimit_RoutineRowsDiscardedAuditKept()
    {
        using var writer = new StoreWriter(_contexts, NullLogger<StoreWriter>.Instance, TimeProvider.System) { MaxBacklog = 3 };
        await writer.StartAsync(Ct);
        writer.Enqueue(Presence("a"));
        await Eventually.WaitUntilAsync(() => writer.LastError is not null, Deadline, "the database to refuse", Ct);

        foreach (var jid in new[] { "b", "c", "d", "e" })
        {
            writer.Enqueue(Presence(jid));
        }

        writer.Enqueue(new AuditEntry { At = DateTimeOffset.UtcNow, User = "admin-ada", Action = "settings.connection.save", Target = "xmpp connection", Allowed = true });

        Assert.Equal(2, writer.Dropped);
        Assert.Equal(4, writer.Backlog);

        await MigrateAsync();
        await Eventually.WaitUntilAsync(() => writer.Backlog == 0, Deadline, "the backlog stored", Ct);

        Assert.Equal(["a", "b", "c"], await JidsAsync());
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.AuditEntries.CountAsync(Ct));
        await writer.StopAsync(CancellationToken.None);
    }

    private static PresenceEvent Presence(string jid) => new() { Jid = jid, Availability = "Available", At = DateTimeOffset.UtcNow };

    private async Task MigrateAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        await db.Database.MigrateAsync(Ct);
    }

    private async Task<List<string>> JidsAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        return await db.PresenceEvents.OrderBy(p => p.Jid).Select(p => p.Jid).ToListAsync(Ct);
    }
}
