using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp;

/// <summary>How an <see cref="XmppClient"/> logs in and behaves. The password never appears in ToString.</summary>
public sealed class XmppClientOptions
{
    /// <summary>The account, <c>user@domain</c>; a resource here is used unless <see cref="Resource"/> is set.</summary>
    public required Jid Jid { get; init; }

    public required string Password { get; init; }

    /// <summary>The resource to bind; default: the JID's resource, else a unique one per client instance.</summary>
    public string? Resource { get; init; }

    public SaslPolicy Sasl { get; init; } = SaslPolicy.Default;

    public TimeSpan DefaultIqTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connect (session, SASL, bind) may take before the attempt counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ReconnectPolicy Reconnect { get; init; } = new();

    /// <summary>The disco#info identity this client announces (XEP-0030).</summary>
    public DiscoIdentity Identity { get; init; } = new("client", "web", "SmartServer Dashboard");

    /// <summary>Send initial presence after login, so contacts' presence is delivered to this resource.</summary>
    public bool SendInitialPresence { get; init; } = true;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public override string ToString() => $"XmppClientOptions {{ Jid = {Jid}, Resource = {Resource} }}";
}

/// <summary>A disco#info identity: category, type and human-readable name.</summary>
public sealed record DiscoIdentity(string Category, string Type, string? Name);
