using System.Diagnostics;
using System.Globalization;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench;

/// <summary><c>writer [--rows 200000]</c>: samples per second through the batched store writer into a fresh SQLite file (WAL).</summary>
public static class WriterCommand
{
    public static async Task RunAsync(BenchArguments arguments)
    {
        var rows = arguments.Number("rows", 200_000);
        var path = Path.Combine(Path.GetTempPath(), $"bench-writer-{Guid.NewGuid():N}.db");
        var contexts = new PooledDbContextFactory<DashboardDbContext>(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={path}").Options);
        await new DatabaseMigrator(contexts).StartAsync(CancellationToken.None);
        var writer = new StoreWriter(contexts, NullLogger<StoreWriter>.Instance, TimeProvider.System);
        await writer.StartAsync(CancellationToken.None);

        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rows; i++)
        {
            writer.Enqueue(new Sample
            {
                DeviceId = i % 1000 + 1,
                PointName = "Net/LON/iLON App/VirtFb/temp_thermostat",
                Timestamp = now.AddMilliseconds(i),
                Value = "21.5",
                Numeric = 21.5,
                Status = "AL_NUL",
                Priority = 255,
            });
        }

        await writer.FlushAsync(CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        await writer.StopAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| batched store writer, {rows:#,0} samples into SQLite (WAL) | {rows / seconds:#,0} rows/s | {seconds:0.00} s |"));
        File.Delete(path);
    }
}
