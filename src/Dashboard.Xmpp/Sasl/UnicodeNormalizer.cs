using System.Text;

namespace Dashboard.Xmpp.Sasl;

/// <summary>
/// Unicode normalisation forms NFC and NFKC (UAX #15), computed from the library's own tables so the
/// result does not depend on the host's globalization mode.
/// </summary>
internal static class UnicodeNormalizer
{
    private const int HangulSBase = 0xAC00;
    private const int HangulLBase = 0x1100;
    private const int HangulVBase = 0x1161;
    private const int HangulTBase = 0x11A7;
    private const int HangulLCount = 19;
    private const int HangulVCount = 21;
    private const int HangulTCount = 28;
    private const int HangulNCount = HangulVCount * HangulTCount;
    private const int HangulSCount = HangulLCount * HangulNCount;

    /// <summary>Canonical composition (NFC).</summary>
    public static string ToFormC(string value) => Normalize(value, compatibility: false);

    /// <summary>Compatibility composition (NFKC).</summary>
    public static string ToFormKC(string value) => Normalize(value, compatibility: true);

    /// <summary>The canonical combining class of <paramref name="codePoint"/>.</summary>
    public static int CombiningClass(int codePoint) =>
        codePoint < 0x300 ? 0 : UnicodeTables.CombiningClasses.GetValueOrDefault(codePoint);

    /// <summary>The code points of <paramref name="value"/>; an unpaired surrogate stands for itself.</summary>
    public static List<int> CodePoints(string value)
    {
        var result = new List<int>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                result.Add(char.ConvertToUtf32(value[i], value[i + 1]));
                i++;
            }
            else
            {
                result.Add(value[i]);
            }
        }

        return result;
    }

    private static string Normalize(string value, bool compatibility)
    {
        // ASCII is unchanged by every normalisation form.
        if (Ascii.IsValid(value))
        {
            return value;
        }

        var decomposed = new List<int>(value.Length + 8);
        foreach (var cp in CodePoints(value))
        {
            Decompose(cp, compatibility, decomposed);
        }

        OrderCanonically(decomposed);
        Compose(decomposed);

        var builder = new StringBuilder(decomposed.Count);
        foreach (var cp in decomposed)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                builder.Append((char)cp);
            }
            else
            {
                builder.Append(new Rune(cp));
            }
        }

        return builder.ToString();
    }

    private static void Decompose(int cp, bool compatibility, List<int> output)
    {
        if (cp is >= HangulSBase and < HangulSBase + HangulSCount)
        {
            var index = cp - HangulSBase;
            output.Add(HangulLBase + (index / HangulNCount));
            output.Add(HangulVBase + (index % HangulNCount / HangulTCount));
            if (index % HangulTCount != 0)
            {
                output.Add(HangulTBase + (index % HangulTCount));
            }

            return;
        }

        if ((compatibility && UnicodeTables.CompatibilityDecompositions.TryGetValue(cp, out var mapped))
            || UnicodeTables.CanonicalDecompositions.TryGetValue(cp, out mapped))
        {
            output.AddRange(mapped);
        }
        else
        {
            output.Add(cp);
        }
    }

    // Stable sort of every run of non-starters by combining class (an insertion sort: runs are short).
    private static void OrderCanonically(List<int> buffer)
    {
        for (var i = 1; i < buffer.Count; i++)
        {
            var current = buffer[i];
            var ccc = CombiningClass(current);
            if (ccc == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && CombiningClass(buffer[j - 1]) > ccc)
            {
                buffer[j] = buffer[j - 1];
                j--;
            }

            buffer[j] = current;
        }
    }

    private static void Compose(List<int> buffer)
    {
        var starter = -1;

        // Combining class of the last character kept after the starter; -1 when none follows it yet.
        var lastClass = -1;
        var write = 0;
        for (var read = 0; read < buffer.Count; read++)
        {
            var cp = buffer[read];
            var ccc = CombiningClass(cp);
            var blocked = lastClass != -1 && (lastClass == 0 || lastClass >= ccc);
            if (starter >= 0 && !blocked && TryCompose(buffer[starter], cp, out var composite))
            {
                buffer[starter] = composite;
                continue;
            }

            if (ccc == 0)
            {
                starter = write;
                lastClass = -1;
            }
            else
            {
                lastClass = ccc;
            }

            buffer[write++] = cp;
        }

        buffer.RemoveRange(write, buffer.Count - write);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first is >= HangulLBase and < HangulLBase + HangulLCount
            && second is >= HangulVBase and < HangulVBase + HangulVCount)
        {
            composite = HangulSBase + ((first - HangulLBase) * HangulNCount) + ((second - HangulVBase) * HangulTCount);
            return true;
        }

        if (first is >= HangulSBase and < HangulSBase + HangulSCount
            && (first - HangulSBase) % HangulTCount == 0
            && second is > HangulTBase and < HangulTBase + HangulTCount)
        {
            composite = first + (second - HangulTBase);
            return true;
        }

        return UnicodeTables.Compositions.TryGetValue(UnicodeTables.CompositionKey(first, second), out composite);
    }
}
