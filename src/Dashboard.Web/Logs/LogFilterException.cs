namespace Dashboard.Web.Logs;

/// <summary>A log filter from a request could not be read; the message says which parameter and what it takes.</summary>
public sealed class LogFilterException(string message) : FormatException(message);
