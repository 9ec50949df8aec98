namespace Dashboard.Web.Settings;

/// <summary>The submitted settings break a rule; nothing was saved. <see cref="Errors"/> names each field.</summary>
public sealed class ConnectionSettingsInvalidException(IReadOnlyList<ConnectionSettingError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<ConnectionSettingError> Errors { get; } = errors;
}
