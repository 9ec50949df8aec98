using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>Brings the SQLite database to the current schema before anything else uses it, and turns on WAL.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<DashboardDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        // WAL lets the pages read while the writer inserts; it is a property of the file, so once is enough.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
