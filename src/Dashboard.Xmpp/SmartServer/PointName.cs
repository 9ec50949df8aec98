namespace Dashboard.Xmpp.SmartServer;

/// <summary>Checks SmartServer point paths (e.g. <c>Net/LON/iLON App/VirtFb/temp_thermostat</c>) before they are used.</summary>
public static class PointName
{
    public const int MaxLength = 512;

    public static string Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidPointNameException("A data point name is empty.");
        }

        if (name.Length > MaxLength)
        {
            throw new InvalidPointNameException($"A data point name is longer than {MaxLength} characters.");
        }

        if (name.Any(char.IsControl))
        {
            throw new InvalidPointNameException("A data point name contains a control character.");
        }

        if (name.Split('/').Any(segment => segment is ".." or "."))
        {
            throw new InvalidPointNameException("A data point name contains a '.' or '..' segment.");
        }

        return name;
    }
}
