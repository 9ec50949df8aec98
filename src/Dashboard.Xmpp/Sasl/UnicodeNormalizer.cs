using System.Text;

namespace Dashboard.Xmpp.Sasl;

/// <summary>Unicode normalisation forms used by JID preparation and SASLprep.</summary>
internal static class UnicodeNormalizer
{
    /// <summary>Canonical composition (NFC).</summary>
    public static string ToFormC(string value) => value.Normalize(NormalizationForm.FormC);

    /// <summary>Compatibility composition (NFKC).</summary>
    public static string ToFormKC(string value) => value.Normalize(NormalizationForm.FormKC);
}
