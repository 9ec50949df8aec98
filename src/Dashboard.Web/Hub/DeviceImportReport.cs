namespace Dashboard.Web.Hub;

/// <summary>What became of one row of an imported device list.</summary>
public enum DeviceImportOutcome
{
    /// <summary>The device was added.</summary>
    Added,

    /// <summary>The device is already in the directory; the row changed nothing.</summary>
    AlreadyKnown,

    /// <summary>The row is wrong; <see cref="DeviceImportRow.Reason"/> says how.</summary>
    Invalid,

    /// <summary>The row was fine, but nothing was imported because other rows are wrong.</summary>
    NotImported,
}

/// <summary>One data row's result: its line in the file, the JID as written, and what happened.</summary>
public sealed record DeviceImportRow(int Line, string Jid, DeviceImportOutcome Outcome, string? Reason = null);

/// <summary>The result of an import: every data row, and whether the devices were stored.</summary>
public sealed record DeviceImportReport(IReadOnlyList<DeviceImportRow> Rows, bool Imported)
{
    public int Added => Rows.Count(r => r.Outcome == DeviceImportOutcome.Added);

    public int AlreadyKnown => Rows.Count(r => r.Outcome == DeviceImportOutcome.AlreadyKnown);

    public int Invalid => Rows.Count(r => r.Outcome == DeviceImportOutcome.Invalid);

    /// <summary>One sentence for the person who uploaded the file.</summary>
    public string Summary => Imported
        ? $"{Added} added, {AlreadyKnown} already known."
        : $"Nothing was imported: {Invalid} of {Rows.Count} rows are invalid. Fix them and upload the file again.";
}

/// <summary>The file as a whole cannot be imported (too large, not UTF-8, wrong header, no rows); nothing was stored.</summary>
public sealed class DeviceImportException(string message) : FormatException(message);
