using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Hub;

/// <summary>Retention against a real SQLite file with the app's migrations.</summary>
public sealed class RetentionServiceTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"retention-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private PooledDbContextFactory<DashboardDbContext> _contexts = null!;

    public async ValueTask InitializeAsync()
    {
        _contexts = new PooledDbContextFactory<DashboardDbContext>(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_database}").Options);
        await using var db = await _contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(_database);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Prune_OldSamplesAndLogs_RemovesOnlyWhatIsPastRetentionAndKeepsAuditAndAlarms()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = _time.GetUtcNow();
        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            db.Samples.AddRange(Sample(now.AddDays(-31)), Sample(now.AddDays(-29)));
            db.PresenceEvents.AddRange(Presence(now.AddDays(-15)), Presence(now.AddDays(-1)));
            db.SoapExchanges.Add(new SoapExchange { CorrelationId = "c", Jid = "a@x", Operation = "Read", Request = "<r/>", StartedAt = now.AddDays(-20) });
            db.AuditEntries.Add(new AuditEntry { User = "ann", Action = "point.write", Target = "a@x#p", At = now.AddDays(-400) });
            await db.SaveChangesAsync(ct);
        }

        var retention = new RetentionService(_contexts, Options.Create(new DashboardOptions()), _time, NullLogger<RetentionService>.Instance);
        var removed = await retention.PruneAsync(ct);

        Assert.Equal(3, removed);
        await using var after = await _contexts.CreateDbContextAsync(ct);
        Assert.Equal(now.AddDays(-29), (await after.Samples.SingleAsync(ct)).Timestamp);
        Assert.Equal(now.AddDays(-1), (await after.PresenceEvents.SingleAsync(ct)).At);
        Assert.Empty(await after.SoapExchanges.ToListAsync(ct));
        Assert.Single(await after.AuditEntries.ToListAsync(ct));
    }

    private static Sample Sample(DateTimeOffset at) => new() { DeviceId = 1, PointName = "p", Timestamp = at, Value = "1" };

    private static PresenceEvent Presence(DateTimeOffset at) => new() { Jid = "a@x", Availability = "Available", At = at };
}
