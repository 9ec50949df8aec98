using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dashboard.Web.Tests.Logs;

/// <summary>A temporary SQLite file with the app's migrations, deleted afterwards.</summary>
public sealed class LogDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"logs-{Guid.NewGuid():N}.db");

    private LogDatabase()
    {
        Contexts = new PooledDbContextFactory<DashboardDbContext>(
            new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_path};Pooling=False").Options);
    }

    public IDbContextFactory<DashboardDbContext> Contexts { get; }

    public static async Task<LogDatabase> CreateAsync()
    {
        var database = new LogDatabase();
        await using var db = await database.Contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return database;
    }

    public async Task AddAsync(params object[] rows)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }
}
