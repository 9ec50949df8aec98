using System.Xml.Linq;
using Dashboard.Xmpp.Xml;

namespace Dashboard.Web.Logs;

/// <summary>A SOAP body as a reader wants it: indented when it is XML (parsed safely), otherwise exactly as it came.</summary>
public static class SoapText
{
    /// <summary>The text to show and whether it parsed as XML.</summary>
    public static (string Text, bool IsXml) Pretty(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return ("", false);
        }

        try
        {
            return (SafeXml.Parse(raw).ToString(SaveOptions.None), true);
        }
        catch (XmlSafetyException)
        {
            return (raw, false);
        }
    }
}
