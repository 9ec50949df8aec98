using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hub;

/// <summary>
/// Adds devices by JID: stored, shown at once (Unknown until presence), and asked for presence. Only an Admin
/// may add or change a device.
/// </summary>
public sealed class DeviceDirectory(XmppHub hub, DeviceRegistry registry, IDbContextFactory<DashboardDbContext> contexts, StoreWriter store,
    ActionGuard guard, TimeProvider time)
{
    public async Task<DeviceState> AddAsync(Jid jid, string? name, string? site, string? area, DeviceSource source, ClaimsPrincipal requester,
        CancellationToken cancellationToken)
    {
        var bare = jid.Bare;
        var user = await guard.DemandAsync(requester, DashboardPolicies.Administer, "device.add", bare.ToString()).ConfigureAwait(false);
        var display = string.IsNullOrWhiteSpace(name) ? bare.Local ?? bare.ToString() : name.Trim();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = bare.ToString();
            var device = await db.Devices.FirstOrDefaultAsync(d => d.Jid == key, cancellationToken).ConfigureAwait(false);
            if (device is null)
            {
                db.Devices.Add(new Device { Jid = key, Name = display, Site = site, Area = area, Source = source, AddedAt = time.GetUtcNow() });
            }
            else
            {
                device.Name = display;
                device.Site = site ?? device.Site;
                device.Area = area ?? device.Area;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var state = registry.AddOrUpdate(bare, display, site, area);
        if (hub.Client is { State: XmppConnectionState.Connected } client)
        {
            await client.AddContactAsync(bare, display, cancellationToken).ConfigureAwait(false);
        }

        store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = user, Action = "device.add", Target = bare.ToString(), Details = display, Allowed = true });
        return state;
    }
}
