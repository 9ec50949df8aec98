using System.Diagnostics.CodeAnalysis;
using Dashboard.Xmpp;

namespace Dashboard.Web.Hub;

/// <summary>Checks the JID of a device typed or imported by a person: a valid bare <c>user@domain</c>.</summary>
public static class DeviceAddress
{
    /// <summary>True when <paramref name="text"/> is a device JID; otherwise <paramref name="error"/> says why not, in words for the person who typed it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Jid? jid, [NotNullWhen(false)] out string? error)
    {
        jid = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "missing JID";
            return false;
        }

        try
        {
            var parsed = Jid.Parse(trimmed);
            if (parsed.Local is null || !parsed.IsBare)
            {
                error = "invalid JID: a device is user@domain, without a resource";
                return false;
            }

            (jid, error) = (parsed, null);
            return true;
        }
        catch (JidFormatException e)
        {
            error = $"invalid JID: {e.Message}";
            return false;
        }
    }
}
