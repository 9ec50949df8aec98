using System.Text;

namespace Dashboard.Xmpp.Sasl;

/// <summary>
/// SASLprep (RFC 4013), the stringprep profile for user names and passwords, as a client applies it to
/// a query string.
/// </summary>
/// <remarks>
/// Implemented: mapping of non-ASCII spaces (table C.1.2) to SPACE and removal of the "commonly mapped to
/// nothing" characters (B.1, applied first, so U+200B, listed in both, is removed); NFKC; the prohibited
/// output tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9; the bidirectional rules of
/// RFC 3454 §6 with tables D.1/D.2. Not implemented: the unassigned code point check (A.1), which a query
/// string skips anyway. NFKC uses the library's Unicode tables (see <see cref="UnicodeTables.Version"/>)
/// rather than Unicode 3.2; checked against a Unicode 3.2 reference over every code point, the results differ
/// only for the five CJK compatibility ideographs whose 3.2 mappings Unicode later corrected.
/// </remarks>
internal static class SaslPrep
{
    /// <summary>Prepares <paramref name="value"/>; <paramref name="what"/> names it in error messages.</summary>
    /// <exception cref="SaslException">The value is empty or breaks a SASLprep rule (reason <see cref="SaslFailureReason.InvalidCredentials"/>).</exception>
    public static string Prepare(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);

        // Printable ASCII is never changed by any step and never prohibited.
        if (value.Length > 0 && value.All(c => c is >= ' ' and <= '~'))
        {
            return value;
        }

        var mapped = new StringBuilder(value.Length);
        foreach (var cp in UnicodeNormalizer.CodePoints(value))
        {
            if (IsMappedToNothing(cp))
            {
                continue;
            }

            if (IsNonAsciiSpace(cp))
            {
                mapped.Append(' ');
            }
            else if (cp is >= 0xD800 and <= 0xDFFF)
            {
                throw Invalid(what, "contains an unpaired surrogate");
            }
            else
            {
                mapped.Append(new Rune(cp));
            }
        }

        var normalized = UnicodeNormalizer.ToFormKC(mapped.ToString());
        if (normalized.Length == 0)
        {
            throw Invalid(what, "is empty");
        }

        var codePoints = UnicodeNormalizer.CodePoints(normalized);
        for (var i = 0; i < codePoints.Count; i++)
        {
            var kind = Prohibition(codePoints[i]);
            if (kind is not null)
            {
                // The position, never the character: the value may be a password.
                throw Invalid(what, $"contains a prohibited {kind} at position {i + 1}");
            }
        }

        CheckBidi(codePoints, what);
        return normalized;
    }

    // RFC 3454 §6: right-to-left text may not mix with left-to-right text and must start and end with it.
    private static void CheckBidi(List<int> codePoints, string what)
    {
        var hasRandAL = codePoints.Any(cp => UnicodeTables.InRanges(UnicodeTables.RandALCat, cp));
        if (!hasRandAL)
        {
            return;
        }

        if (codePoints.Any(cp => UnicodeTables.InRanges(UnicodeTables.LCat, cp)))
        {
            throw Invalid(what, "mixes right-to-left and left-to-right characters");
        }

        if (!UnicodeTables.InRanges(UnicodeTables.RandALCat, codePoints[0])
            || !UnicodeTables.InRanges(UnicodeTables.RandALCat, codePoints[^1]))
        {
            throw Invalid(what, "has right-to-left text that does not start and end with a right-to-left character");
        }
    }

    // Table B.1.
    private static bool IsMappedToNothing(int cp) =>
        cp is 0x00AD or 0x034F or 0x1806 or (>= 0x180B and <= 0x180D) or (>= 0x200B and <= 0x200D)
            or 0x2060 or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF;

    // Table C.1.2.
    private static bool IsNonAsciiSpace(int cp) =>
        cp is 0x00A0 or 0x1680 or (>= 0x2000 and <= 0x200B) or 0x202F or 0x205F or 0x3000;

    private static string? Prohibition(int cp)
    {
        if (IsNonAsciiSpace(cp))
        {
            return "non-ASCII space"; // C.1.2
        }

        if (cp is <= 0x1F or 0x7F or (>= 0x80 and <= 0x9F) or 0x06DD or 0x070F or 0x180E or 0x200C or 0x200D
            or 0x2028 or 0x2029 or (>= 0x2060 and <= 0x2063) or 0xFEFF or (>= 0x1D173 and <= 0x1D17A))
        {
            return "control character"; // C.2.1, C.2.2
        }

        if (cp is (>= 0xE000 and <= 0xF8FF) or (>= 0xF0000 and <= 0xFFFFD) or (>= 0x100000 and <= 0x10FFFD))
        {
            return "private use character"; // C.3
        }

        if (cp is (>= 0xFDD0 and <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
        {
            return "non-character"; // C.4
        }

        if (cp is >= 0xD800 and <= 0xDFFF)
        {
            return "surrogate"; // C.5
        }

        if (cp is >= 0xFFF9 and <= 0xFFFD)
        {
            return "character inappropriate for plain text"; // C.6 (FFF9-FFFB also in C.2.2)
        }

        if (cp is >= 0x2FF0 and <= 0x2FFB)
        {
            return "ideographic description character"; // C.7
        }

        if (cp is 0x0340 or 0x0341 or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x206A and <= 0x206F))
        {
            return "display-changing or deprecated character"; // C.8
        }

        if (cp is 0xE0001 or (>= 0xE0020 and <= 0xE007F))
        {
            return "tagging character"; // C.9
        }

        return null;
    }

    private static SaslException Invalid(string what, string why) =>
        new(SaslFailureReason.InvalidCredentials, $"The {what} {why} (SASLprep, RFC 4013).");
}
