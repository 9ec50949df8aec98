namespace Dashboard.Web.Logs;

/// <summary>
/// Writes RFC 4180 CSV that a spreadsheet opens as data, never as formulas: a cell starting with = + - @ (or a tab or
/// carriage return, which some spreadsheets skip before one) gets a leading apostrophe.
/// </summary>
public sealed class CsvWriter(TextWriter output)
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public async Task WriteRowAsync(IReadOnlyList<string?> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cells);
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                await output.WriteAsync(",".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await output.WriteAsync(Cell(cells[i]).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await output.WriteAsync("\r\n".AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One cell as written: defused, then quoted when it holds a separator, quote or line break.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
