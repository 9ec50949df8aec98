namespace Dashboard.Xmpp.SmartServer;

/// <summary>A data point name that is not a safe SmartServer path (control characters, <c>..</c>, too long).</summary>
public sealed class InvalidPointNameException(string reason) : FormatException(reason);

/// <summary>A point's value text does not parse for its type (e.g. "abc" for SNVT_temp).</summary>
public sealed class PointValueFormatException(string pointName, string value, string expected)
    : FormatException($"The value '{(value.Length > 40 ? value[..40] + "…" : value)}' of {pointName} is not {expected}.")
{
    public string PointName { get; } = pointName;
}

/// <summary>The SmartServer reported a failure for one item inside an otherwise successful response.</summary>
public sealed class SmartServerItemFaultException(string pointName, string fault)
    : Exception($"The SmartServer refused {pointName}: {fault}")
{
    public string PointName { get; } = pointName;

    public string Fault { get; } = fault;
}

/// <summary>A SmartServer answered with a body that is not the response the request asked for.</summary>
public sealed class SmartServerResponseException(string message) : Exception(message);
