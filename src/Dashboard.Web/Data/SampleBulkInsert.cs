using System.Data.Common;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>
/// Samples are the high-rate rows: inserted with one prepared statement in one transaction, bypassing
/// EF's change tracking (4–5× faster on SQLite). The column list follows the Samples migration.
/// </summary>
internal static class SampleBulkInsert
{
    public static async Task InsertAsync(DashboardDbContext db, IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO "Samples" ("DeviceId", "PointName", "Timestamp", "Value", "Numeric", "ValueDefinition", "Status", "Priority", "Origin")
                VALUES ($device, $point, $timestamp, $value, $numeric, $definition, $status, $priority, $origin)
                """;
            var parameters = new[] { "$device", "$point", "$timestamp", "$value", "$numeric", "$definition", "$status", "$priority", "$origin" }
                .Select(name => Add(command, name)).ToArray();
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            foreach (var sample in samples)
            {
                parameters[0].Value = sample.DeviceId;
                parameters[1].Value = sample.PointName;
                parameters[2].Value = sample.Timestamp.ToUnixTimeMilliseconds();
                parameters[3].Value = sample.Value;
                parameters[4].Value = (object?)sample.Numeric ?? DBNull.Value;
                parameters[5].Value = (object?)sample.ValueDefinition ?? DBNull.Value;
                parameters[6].Value = (object?)sample.Status ?? DBNull.Value;
                parameters[7].Value = (object?)sample.Priority ?? DBNull.Value;
                parameters[8].Value = sample.Origin.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
