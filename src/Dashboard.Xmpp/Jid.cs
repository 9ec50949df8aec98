using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp;

/// <summary>
/// An XMPP address (RFC 7622), <c>local@domain/resource</c>, held in normalised form so that equality
/// compares addresses, not spellings.
/// </summary>
/// <remarks>
/// A practical subset of RFC 7622: the localpart is NFKC-normalised and lower-cased (an approximation of
/// the PRECIS UsernameCaseMapped profile, which adds width mapping and a stricter repertoire); the domain is
/// lower-cased with one trailing dot removed (no IDNA conversion); the resource is NFC-normalised and
/// otherwise kept as is (approximating the OpaqueString profile).
/// </remarks>
public sealed class Jid : IEquatable<Jid>, IParsable<Jid>
{
    private const int MaxPartBytes = 1023;
    private const int MaxLabelLength = 63;
    private const int MaxEchoLength = 64;

    private readonly string _text;

    /// <summary>Creates a JID from its parts; <paramref name="local"/> and <paramref name="resource"/> may be absent.</summary>
    /// <exception cref="JidFormatException">A part is invalid.</exception>
    public Jid(string? local, string domain, string? resource)
    {
        ArgumentNullException.ThrowIfNull(domain);
        Local = local is null ? null : PrepareLocal(local);
        Domain = PrepareDomain(domain);
        Resource = resource is null ? null : PrepareResource(resource);
        _text = Format(Local, Domain, Resource);
    }

    // Reuses the already prepared local and domain parts of another JID.
    private Jid(Jid source, string? preparedResource)
    {
        Local = source.Local;
        Domain = source.Domain;
        Resource = preparedResource;
        _text = Format(Local, Domain, Resource);
    }

    /// <summary>The localpart (user or device name), or null for a server or component address.</summary>
    public string? Local { get; }

    /// <summary>The domainpart, lower-cased.</summary>
    public string Domain { get; }

    /// <summary>The resourcepart, or null for a bare JID.</summary>
    public string? Resource { get; }

    /// <summary>True when the JID has no resource.</summary>
    public bool IsBare => Resource is null;

    /// <summary>This JID without its resource.</summary>
    public Jid Bare => IsBare ? this : new Jid(this, null);

    /// <summary>
    /// True when the localpart is a 12-digit hexadecimal MAC ID, the naming SmartServers use for
    /// their own accounts (for example <c>00d071a1b2c3@xmpp.test/resource</c>).
    /// </summary>
    public bool IsMacId => Local is { Length: 12 } local && local.All(char.IsAsciiHexDigit);

    /// <summary>Parses <paramref name="value"/> as a JID.</summary>
    /// <exception cref="JidFormatException">The value is not a valid JID.</exception>
    public static Jid Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // Split at the first '/', then at the last '@' before it. Since '@' is forbidden in both the
        // localpart and the domainpart, this accepts exactly what RFC 7622's first-'@' rule accepts, but
        // blames the localpart for "a@b@domain", which is what such input usually means.
        string? resource = null;
        var rest = value;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            resource = value[(slash + 1)..];
            rest = value[..slash];
        }

        string? local = null;
        var domain = rest;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            local = rest[..at];
            domain = rest[(at + 1)..];
        }

        return new Jid(local, domain, resource);
    }

    /// <summary>Parses <paramref name="value"/> as a JID, returning false instead of throwing when it is invalid.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Jid? jid)
    {
        jid = null;
        if (value is null)
        {
            return false;
        }

        try
        {
            jid = Parse(value);
            return true;
        }
        catch (JidFormatException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    static Jid IParsable<Jid>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<Jid>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out Jid result) =>
        TryParse(s, out result);

    /// <summary>This JID's bare form with <paramref name="resource"/> as its resource.</summary>
    /// <exception cref="JidFormatException">The resource is invalid.</exception>
    public Jid WithResource(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new Jid(this, PrepareResource(resource));
    }

    /// <summary>The normalised text form, <c>local@domain/resource</c>.</summary>
    public override string ToString() => _text;

    /// <inheritdoc/>
    public bool Equals(Jid? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Jid);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>Compares two JIDs by their normalised form.</summary>
    public static bool operator ==(Jid? left, Jid? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two JIDs by their normalised form.</summary>
    public static bool operator !=(Jid? left, Jid? right) => !(left == right);

    private static string Format(string? local, string domain, string? resource) =>
        (local is null ? string.Empty : local + "@") + domain + (resource is null ? string.Empty : "/" + resource);

    private static string PrepareLocal(string local)
    {
        RequireWellFormed(JidPart.Local, local);

        // NFKC then lower case: an approximation of PRECIS UsernameCaseMapped (RFC 8265), which maps
        // width, applies case folding and NFC; NFKC covers the width mapping and compatibility forms.
        var prepared = UnicodeNormalizer.ToFormKC(local).ToLowerInvariant();
        RequireLength(JidPart.Local, local, prepared);
        foreach (var c in prepared)
        {
            if (c is '"' or '&' or '\'' or '/' or ':' or '<' or '>' or '@')
            {
                throw Invalid(JidPart.Local, local, $"contains the forbidden character '{c}'");
            }

            RequireVisible(JidPart.Local, local, c);
        }

        return prepared;
    }

    private static string PrepareDomain(string domain)
    {
        RequireWellFormed(JidPart.Domain, domain);

        // Domains compare case-insensitively; "example.com." and "example.com" name the same host.
        var prepared = UnicodeNormalizer.ToFormC(domain).ToLowerInvariant();
        if (prepared.Length > 1 && prepared[^1] == '.')
        {
            prepared = prepared[..^1];
        }

        RequireLength(JidPart.Domain, domain, prepared);

        if (prepared[0] == '[')
        {
            if (prepared[^1] != ']'
                || !IPAddress.TryParse(prepared.AsSpan(1, prepared.Length - 2), out var v6)
                || v6.AddressFamily != AddressFamily.InterNetworkV6
                || v6.ScopeId != 0)
            {
                throw Invalid(JidPart.Domain, domain, "is not a valid bracketed IPv6 literal");
            }

            // Canonical text form, so "[::1]" and "[0:0::1]" are the same JID.
            return "[" + v6.ToString() + "]";
        }

        if (prepared.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            if (!IPAddress.TryParse(prepared, out var v4)
                || v4.AddressFamily != AddressFamily.InterNetwork
                || !string.Equals(v4.ToString(), prepared, StringComparison.Ordinal))
            {
                throw Invalid(JidPart.Domain, domain, "is not a valid dotted-quad IPv4 literal");
            }

            return prepared;
        }

        foreach (var label in prepared.Split('.'))
        {
            RequireLabel(domain, label);
        }

        return prepared;
    }

    private static void RequireLabel(string domain, string label)
    {
        if (label.Length == 0)
        {
            throw Invalid(JidPart.Domain, domain, "has an empty label");
        }

        if (label.Length > MaxLabelLength)
        {
            throw Invalid(JidPart.Domain, domain, $"has a label longer than {MaxLabelLength} characters");
        }

        if (label[0] == '-' || label[^1] == '-')
        {
            throw Invalid(JidPart.Domain, domain, "has a label that starts or ends with '-'");
        }

        foreach (var c in label)
        {
            RequireVisible(JidPart.Domain, domain, c);

            // Host names: letters, digits and '-' ('_' also occurs in practice); non-ASCII letters,
            // digits and marks stand for IDNA U-labels.
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '-' or '_'
                || (!char.IsAscii(c) && (char.IsLetterOrDigit(c) || char.IsSurrogate(c)
                    || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark));
            if (!allowed)
            {
                throw Invalid(JidPart.Domain, domain, $"contains the forbidden character '{c}'");
            }
        }
    }

    private static string PrepareResource(string resource)
    {
        RequireWellFormed(JidPart.Resource, resource);
        var prepared = UnicodeNormalizer.ToFormC(resource);
        RequireLength(JidPart.Resource, resource, prepared);
        foreach (var c in prepared)
        {
            if (char.IsControl(c))
            {
                throw Invalid(JidPart.Resource, resource, $"contains the control character U+{(int)c:X4}");
            }
        }

        return prepared;
    }

    private static void RequireWellFormed(JidPart part, string value)
    {
        if (value.Length == 0)
        {
            throw Invalid(part, value, "is empty");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                throw Invalid(part, value, "contains an unpaired surrogate");
            }
        }
    }

    private static void RequireLength(JidPart part, string original, string prepared)
    {
        if (prepared.Length == 0)
        {
            throw Invalid(part, original, "is empty");
        }

        if (Encoding.UTF8.GetByteCount(prepared) > MaxPartBytes)
        {
            throw Invalid(part, original, $"is longer than {MaxPartBytes} UTF-8 bytes");
        }
    }

    private static void RequireVisible(JidPart part, string original, char c)
    {
        if (char.IsControl(c))
        {
            throw Invalid(part, original, $"contains the control character U+{(int)c:X4}");
        }

        if (char.IsWhiteSpace(c))
        {
            throw Invalid(part, original, $"contains the whitespace character U+{(int)c:X4}");
        }
    }

    private static JidFormatException Invalid(JidPart part, string value, string reason)
    {
        // Echo at most a short, single-line excerpt: the input may be huge or hostile.
        var length = Math.Min(value.Length, MaxEchoLength);
        if (length < value.Length && char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }

        var echo = new StringBuilder(length + 1);
        foreach (var c in value.AsSpan(0, length))
        {
            echo.Append(char.IsControl(c) ? '\uFFFD' : c);
        }

        if (length < value.Length)
        {
            echo.Append('…');
        }

        var name = part switch
        {
            JidPart.Local => "localpart",
            JidPart.Domain => "domainpart",
            _ => "resourcepart",
        };
        return new JidFormatException(part, $"Invalid JID {name} '{echo}': it {reason}.");
    }
}
