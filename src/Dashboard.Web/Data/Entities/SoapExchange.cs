namespace Dashboard.Web.Data.Entities;

/// <summary>One SOAP request to a device and how it ended: the Logs page's raw material.</summary>
public sealed class SoapExchange
{
    public long Id { get; set; }

    /// <summary>Ties the request to its log lines and to the audit entry of a write.</summary>
    public required string CorrelationId { get; set; }

    public required string Jid { get; set; }

    /// <summary>List, Read, Write, … (the SOAP body element).</summary>
    public required string Operation { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public double DurationMs { get; set; }

    public SoapOutcome Outcome { get; set; }

    public required string Request { get; set; }

    public string? Response { get; set; }

    /// <summary>The fault or error text when the exchange did not succeed.</summary>
    public string? Error { get; set; }
}

public enum SoapOutcome
{
    Success,
    Fault,
    Timeout,
    Error,
}
