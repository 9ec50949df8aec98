namespace Dashboard.Xmpp;

/// <summary>The three parts of a JID (RFC 7622): <c>local@domain/resource</c>.</summary>
public enum JidPart
{
    /// <summary>The localpart, before the '@'.</summary>
    Local,

    /// <summary>The domainpart, the only mandatory part.</summary>
    Domain,

    /// <summary>The resourcepart, after the first '/'.</summary>
    Resource,
}
