namespace Dashboard.Simulator;

/// <summary>Misbehaviour a simulated SmartServer can be switched into, for demos and tests.</summary>
public sealed class DeviceFaults
{
    /// <summary>Delay before each SOAP answer.</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>Answer every request with a SOAP Receiver fault.</summary>
    public bool SoapFaults { get; set; }

    /// <summary>Answer with a result whose payload is not a SOAP envelope.</summary>
    public bool MalformedReplies { get; set; }

    /// <summary>Never answer SOAP requests.</summary>
    public bool NeverAnswer { get; set; }

    /// <summary>Toggle presence between available and unavailable every this often (null: off).</summary>
    public TimeSpan? FlapEvery { get; set; }
}
