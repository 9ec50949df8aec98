namespace Dashboard.Simulator;

/// <summary>The --server folder is not one scripts/xmpp-server.sh started: the message says what to run.</summary>
internal sealed class ServerInfoException(string message) : Exception(message);
