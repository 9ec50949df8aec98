using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hub;

/// <summary>Free-text notes on a device (where it is, who looks after it). Anyone may read them; only an Admin may change them.</summary>
public sealed partial class DeviceNotes(IDbContextFactory<DashboardDbContext> contexts, StoreWriter store, ActionGuard guard, TimeProvider time,
    ILogger<DeviceNotes> logger)
{
    public const int MaxLength = 2000;

    public async Task<string?> GetAsync(Jid device, CancellationToken cancellationToken)
    {
        var key = device.Bare.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Devices.AsNoTracking().Where(d => d.Jid == key).Select(d => d.Notes).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the notes; blank clears them. Throws <see cref="ActionDeniedException"/> for anyone but an Admin.</summary>
    public async Task SaveAsync(Jid device, string? notes, ClaimsPrincipal requester, CancellationToken cancellationToken)
    {
        var key = device.Bare.ToString();
        var user = await guard.DemandAsync(requester, DashboardPolicies.Administer, "device.notes", key).ConfigureAwait(false);
        var text = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (text?.Length > MaxLength)
        {
            throw new ArgumentException($"Notes are at most {MaxLength} characters.", nameof(notes));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var changed = await db.Devices.Where(d => d.Jid == key)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Notes, text), cancellationToken).ConfigureAwait(false);
        if (changed == 0)
        {
            throw new InvalidOperationException($"{key} is not a stored device.");
        }

        store.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = user, Action = "device.notes", Target = key, Details = $"{text?.Length ?? 0} characters", Allowed = true });
        Log.Saved(logger, user, key);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{User} changed the notes of {Jid}")]
        public static partial void Saved(ILogger logger, string user, string jid);
    }
}
