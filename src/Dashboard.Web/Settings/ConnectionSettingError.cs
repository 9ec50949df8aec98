namespace Dashboard.Web.Settings;

/// <summary>One thing wrong with a connection setting: the form field, the configuration key, and what to do.</summary>
public sealed record ConnectionSettingError(string Field, string Setting, string Message);
