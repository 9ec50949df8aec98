namespace Dashboard.Web.Settings;

/// <summary>The steps of a test login, in the order they happen.</summary>
public enum ConnectionTestStepKind
{
    /// <summary>The BOSH connection manager created a session and said what it grants.</summary>
    Session,

    /// <summary>SASL authentication with the account's password.</summary>
    Authentication,

    /// <summary>A resource bound: the session is a usable XMPP session.</summary>
    Binding,

    /// <summary>The server answered disco#info: stanzas flow both ways.</summary>
    Discovery,
}

public enum ConnectionTestStepStatus
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>One step of a test login as the Settings page shows it; <see cref="Detail"/> is plain text.</summary>
public sealed record ConnectionTestStep(ConnectionTestStepKind Kind, ConnectionTestStepStatus Status, string Title, string? Detail)
{
    public static string TitleOf(ConnectionTestStepKind kind) => kind switch
    {
        ConnectionTestStepKind.Session => "BOSH session",
        ConnectionTestStepKind.Authentication => "Sign-in (SASL)",
        ConnectionTestStepKind.Binding => "Resource binding",
        _ => "Service discovery",
    };
}

/// <summary>How a test login ended: every step as last reported, and the reason when it failed.</summary>
public sealed record ConnectionTestResult(bool Succeeded, IReadOnlyList<ConnectionTestStep> Steps, string? FailureReason);
