using System.Security.Claims;
using System.Text;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hub;

/// <summary>
/// Adds many devices from a CSV file with the header <c>jid,name,site,area,notes</c>. All or nothing: every
/// row is checked first, and if any row is wrong nothing is stored and the report says what to fix; the
/// good rows go in together in one transaction. Devices already known are skipped, so uploading a corrected
/// file again is safe. Only an Admin may import.
/// </summary>
public sealed partial class DeviceImport(XmppHub hub, DeviceRegistry registry, IDbContextFactory<DashboardDbContext> contexts, StoreWriter store,
    ActionGuard guard, TimeProvider time, ILogger<DeviceImport> logger)
{
    /// <summary>The largest file accepted: 1 MiB, about 10,000 devices.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The most data rows one file may carry.</summary>
    public const int MaxRows = 10_000;

    public const int MaxNameLength = 200;
    public const int MaxPlaceLength = 100;
    public const int MaxNotesLength = 2000;

    public static readonly IReadOnlyList<string> Header = ["jid", "name", "site", "area", "notes"];

    public async Task<DeviceImportReport> ImportAsync(Stream csv, ClaimsPrincipal requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var user = await guard.DemandAsync(requester, DashboardPolicies.Administer, "device.import", "devices").ConfigureAwait(false);
        try
        {
            var text = await ReadCappedAsync(csv, cancellationToken).ConfigureAwait(false);
            var parsed = Parse(text);
            var report = await StoreAsync(parsed, user, cancellationToken).ConfigureAwait(false);
            Log.Imported(logger, user, report.Added, report.AlreadyKnown, report.Invalid, report.Imported);
            return report;
        }
        catch (DeviceImportException e)
        {
            Log.Rejected(logger, user, e.Message);
            throw;
        }
    }

    private static async Task<string> ReadCappedAsync(Stream csv, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await csv.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            throw new DeviceImportException($"The file is larger than {MaxBytes / 1024} KiB; split it into smaller files.");
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new DeviceImportException("The file is not UTF-8 text; save it as CSV (UTF-8).");
        }
    }

    /// <summary>Checks every row; returns the rows with their JIDs and values, or the reason each one is wrong.</summary>
    private static List<ParsedRow> Parse(string text)
    {
        using var records = CsvRecordReader.Read(text).Where(r => r.Error is not null || r.Fields.Any(f => !string.IsNullOrWhiteSpace(f))).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new DeviceImportException($"The file is empty; the first line must be the header '{string.Join(',', Header)}'.");
        }

        var header = records.Current;
        if (header.Error is not null || !header.Fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(Header))
        {
            throw new DeviceImportException($"The first line must be the header '{string.Join(',', Header)}'.");
        }

        var rows = new List<ParsedRow>();
        var seen = new Dictionary<Jid, int>();
        while (records.MoveNext())
        {
            if (rows.Count == MaxRows)
            {
                throw new DeviceImportException($"The file has more than {MaxRows:N0} devices; split it into smaller files.");
            }

            var record = records.Current;
            var row = Check(record);
            if (row.Jid is { } jid)
            {
                if (seen.TryGetValue(jid, out var firstLine))
                {
                    row = row with { Error = $"duplicate: the same JID is on line {firstLine}" };
                }
                else
                {
                    seen[jid] = record.Line;
                }
            }

            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            throw new DeviceImportException("The file has a header but no devices.");
        }

        return rows;
    }

    private static ParsedRow Check(CsvRecord record)
    {
        var fields = record.Fields.Select(f => f.Trim()).ToArray();
        var written = fields.Length > 0 ? fields[0] : "";
        var row = new ParsedRow(record.Line, written, null, "", null, null, null, null);
        if (record.Error is not null)
        {
            return row with { Error = record.Error };
        }

        if (fields.Length > Header.Count)
        {
            return row with { Error = $"too many columns: {fields.Length} (expected at most {Header.Count}: {string.Join(',', Header)}); quote values that contain commas" };
        }

        if (!DeviceAddress.TryParse(written, out var jid, out var problem))
        {
            return row with { Error = problem };
        }

        string Field(int index) => index < fields.Length ? fields[index] : "";
        var (name, site, area, notes) = (Field(1), Field(2), Field(3), Field(4));
        var error = name.Length == 0 ? "missing name"
            : TooLongOrControl("name", name, MaxNameLength)
            ?? TooLongOrControl("site", site, MaxPlaceLength)
            ?? TooLongOrControl("area", area, MaxPlaceLength)
            ?? TooLongOrControl("notes", notes, MaxNotesLength, allowLineBreaks: true);
        return row with { Jid = jid.Bare, Name = name, Site = NullIfEmpty(site), Area = NullIfEmpty(area), Notes = NullIfEmpty(notes), Error = error };
    }

    private static string? TooLongOrControl(string column, string value, int max, bool allowLineBreaks = false)
    {
        if (value.Length > max)
        {
            return $"{column} is longer than {max} characters";
        }

        return value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')) ? $"{column} contains control characters" : null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private async Task<DeviceImportReport> StoreAsync(List<ParsedRow> rows, string user, CancellationToken cancellationToken)
    {
        if (rows.Any(r => r.Error is not null))
        {
            return new DeviceImportReport(rows.Select(r => r.Error is null
                ? new DeviceImportRow(r.Line, r.Written, DeviceImportOutcome.NotImported, "valid; not imported because other rows are invalid")
                : new DeviceImportRow(r.Line, r.Written, DeviceImportOutcome.Invalid, r.Error)).ToArray(), Imported: false);
        }

        var now = time.GetUtcNow();
        HashSet<string> known;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            known = (await db.Devices.AsNoTracking().Select(d => d.Jid).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => !known.Contains(r.Jid!.ToString())))
            {
                db.Devices.Add(new Device
                {
                    Jid = row.Jid!.ToString(),
                    Name = row.Name,
                    Site = row.Site,
                    Area = row.Area,
                    Notes = row.Notes,
                    Source = DeviceSource.Import,
                    AddedAt = now,
                });
            }

            try
            {
                // One SaveChanges is one transaction: a conflict (a device added meanwhile) stores none of them.
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException e)
            {
                Log.StoreFailed(logger, e);
                throw new DeviceImportException("The devices could not be stored (one was added meanwhile?); nothing was imported. Upload the file again.");
            }
        }

        var added = rows.Where(r => !known.Contains(r.Jid!.ToString())).ToArray();
        foreach (var row in added)
        {
            registry.AddOrUpdate(row.Jid!, row.Name, row.Site, row.Area);
        }

        await AskForPresenceAsync(added, cancellationToken).ConfigureAwait(false);
        store.Enqueue(new AuditEntry
        {
            At = now,
            User = user,
            Action = "device.import",
            Target = "devices",
            Details = $"{added.Length} added, {rows.Count - added.Length} already known",
            Allowed = true,
        });
        return new DeviceImportReport(rows.Select(r => known.Contains(r.Jid!.ToString())
            ? new DeviceImportRow(r.Line, r.Written, DeviceImportOutcome.AlreadyKnown, "already in the directory; unchanged")
            : new DeviceImportRow(r.Line, r.Written, DeviceImportOutcome.Added)).ToArray(), Imported: true);
    }

    /// <summary>Puts the new devices on the roster; a device the XMPP server refuses stays stored and is logged.</summary>
    private async Task AskForPresenceAsync(IEnumerable<ParsedRow> added, CancellationToken cancellationToken)
    {
        if (hub.Client is not { State: XmppConnectionState.Connected } client)
        {
            return;
        }

        foreach (var row in added)
        {
            try
            {
                await client.AddContactAsync(row.Jid!, row.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StanzaErrorException or XmppTimeoutException or XmppDisconnectedException)
            {
                Log.RosterFailed(logger, row.Jid!, e.Message);
            }
        }
    }

    private sealed record ParsedRow(int Line, string Written, Jid? Jid, string Name, string? Site, string? Area, string? Notes, string? Error);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{User} imported devices: {Added} added, {Known} already known, {Invalid} invalid (stored: {Imported})")]
        public static partial void Imported(ILogger logger, string user, int added, int known, int invalid, bool imported);

        [LoggerMessage(2, LogLevel.Warning, "{User}'s device import was refused: {Reason}")]
        public static partial void Rejected(ILogger logger, string user, string reason);

        [LoggerMessage(3, LogLevel.Error, "Storing imported devices failed; nothing was stored")]
        public static partial void StoreFailed(ILogger logger, Exception error);

        [LoggerMessage(4, LogLevel.Warning, "Imported device {Jid} could not be put on the roster: {Reason}")]
        public static partial void RosterFailed(ILogger logger, Jid jid, string reason);
    }
}
