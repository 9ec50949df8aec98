using System.Collections.Concurrent;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hub;

/// <summary>Maps a device's JID to its database id (creating the row if it is missing), cached.</summary>
public sealed class DeviceIds(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    private readonly ConcurrentDictionary<Jid, int> _ids = new();

    public async Task<int> GetAsync(Jid jid, string name, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(jid.Bare, out var id))
        {
            return id;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var key = jid.Bare.ToString();
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Jid == key, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            device = new Device { Jid = key, Name = name, Source = DeviceSource.Roster, AddedAt = time.GetUtcNow() };
            db.Devices.Add(device);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Stored meanwhile by the roster path: use that row. Otherwise the database refuses writes.
                db.ChangeTracker.Clear();
                device = await db.Devices.FirstOrDefaultAsync(d => d.Jid == key, cancellationToken).ConfigureAwait(false);
                if (device is null)
                {
                    throw;
                }
            }
        }

        return _ids[jid.Bare] = device.Id;
    }
}
