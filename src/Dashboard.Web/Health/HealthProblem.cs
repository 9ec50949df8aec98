namespace Dashboard.Web.Health;

/// <summary>Which part of the dashboard is not well.</summary>
public enum HealthArea
{
    Database,
    Xmpp,
}

public enum HealthSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>One thing the health banner shows: what is wrong and why, in plain text.</summary>
public sealed record HealthProblem(HealthArea Area, HealthSeverity Severity, string Title, string Detail);
