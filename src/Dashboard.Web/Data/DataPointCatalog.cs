using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>What a device said about one of its points when it listed it: its SNVT, unit and direction.</summary>
public sealed record DataPointFormat(string Name, string? LonFormat, string? Unit, string? Annotation)
{
    /// <summary>The SNVT named by the LonFormat (<c>#…[0].SNVT_temp_p</c> → <c>SNVT_temp_p</c>), if any.</summary>
    public string? Snvt => LonFormat is { } format && format.LastIndexOf('.') is var dot and >= 0 ? format[(dot + 1)..] : null;

    /// <summary>False for points the device declares as outputs (<c>Dp_Out</c>): a write to them is refused by the device.</summary>
    public bool IsWritable => Annotation?.StartsWith("Dp_Out", StringComparison.Ordinal) != true;
}

/// <summary>Reads the stored descriptions of a device's points (from its List at discovery).</summary>
public sealed class DataPointCatalog(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyDictionary<string, DataPointFormat>> ForDeviceAsync(Jid device, CancellationToken cancellationToken)
    {
        var key = device.Bare.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var points = await db.DataPoints.AsNoTracking()
            .Where(p => p.Device!.Jid == key)
            .Select(p => new DataPointFormat(p.Name, p.LonFormat, p.Unit, p.Annotation))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return points.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }
}
