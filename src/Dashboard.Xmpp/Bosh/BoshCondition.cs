namespace Dashboard.Xmpp.Bosh;

/// <summary>
/// Why a BOSH session ended or a request was refused: the terminate conditions of XEP-0124 §17.2 and
/// XEP-0206, and the ways proxies and the network fail that the spec does not name.
/// </summary>
public enum BoshCondition
{
    BadRequest,
    HostGone,
    HostUnknown,
    ImproperAddressing,
    InternalServerError,
    ItemNotFound,
    OtherRequest,
    PolicyViolation,
    RemoteConnectionFailed,
    RemoteStreamError,
    SeeOtherUri,
    SystemShutdown,
    UndefinedCondition,

    /// <summary>A request could not be delivered after the bounded retries (network errors, timeouts, 5xx).</summary>
    NetworkFailure,

    /// <summary>An answer that is not a BOSH body: an HTML error page or an empty 200 from a proxy.</summary>
    ProxyError,

    /// <summary>A legacy HTTP status the server used instead of a terminate body (XEP-0124 §17.1).</summary>
    HttpError,

    /// <summary>The response was over the size cap or not safe XML (DTD, entities, malformed).</summary>
    MalformedResponse,

    /// <summary>A stanza larger than a request body may be was refused before sending; the session goes on.</summary>
    BodyTooLarge,
}

/// <summary>Maps wire condition names to <see cref="BoshCondition"/>.</summary>
public static class BoshConditions
{
    public static BoshCondition Parse(string? condition) => condition switch
    {
        "bad-request" => BoshCondition.BadRequest,
        "host-gone" => BoshCondition.HostGone,
        "host-unknown" => BoshCondition.HostUnknown,
        "improper-addressing" => BoshCondition.ImproperAddressing,
        "internal-server-error" => BoshCondition.InternalServerError,
        "item-not-found" => BoshCondition.ItemNotFound,
        "other-request" => BoshCondition.OtherRequest,
        "policy-violation" => BoshCondition.PolicyViolation,
        "remote-connection-failed" => BoshCondition.RemoteConnectionFailed,
        "remote-stream-error" => BoshCondition.RemoteStreamError,
        "see-other-uri" => BoshCondition.SeeOtherUri,
        "system-shutdown" => BoshCondition.SystemShutdown,
        _ => BoshCondition.UndefinedCondition,
    };

    /// <summary>
    /// Whether logging in again may help. A server restart, a lost session or a flaky network: yes.
    /// A malformed request, an unknown host, a policy breach or a redirect: retrying the same thing cannot help.
    /// </summary>
    public static bool IsRecoverable(BoshCondition condition) => condition switch
    {
        BoshCondition.BadRequest or BoshCondition.HostUnknown or BoshCondition.ImproperAddressing
            or BoshCondition.PolicyViolation or BoshCondition.SeeOtherUri or BoshCondition.BodyTooLarge => false,
        _ => true,
    };
}
