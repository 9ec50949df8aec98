namespace Dashboard.Simulator;

/// <summary>How many simulated SmartServers, where their XMPP server is, and who their dashboard is.</summary>
public sealed record FleetOptions
{
    public int Count { get; init; } = 20;

    /// <summary>Makes MAC IDs and point behaviour repeatable.</summary>
    public int Seed { get; init; } = 1;

    public string Domain { get; init; } = "xmpp.test";

    /// <summary>The XMPP server's c2s address (TCP transport).</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int C2sPort { get; init; } = 5222;

    /// <summary>When set, devices connect over BOSH instead of TCP.</summary>
    public Uri? BoshUrl { get; init; }

    /// <summary>The dashboard's account: devices accept its subscription and ask for its presence.</summary>
    public string? Dashboard { get; init; }

    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Every Nth device misbehaves (slow, faulty, garbled, flapping in turn); 0: none.</summary>
    public int FaultyEvery { get; init; }

    /// <summary>
    /// Every Nth device pushes its point updates to <see cref="Dashboard"/> through WebBinder Writes
    /// (1: all of them; 0: none).
    /// </summary>
    public int PushEvery { get; init; }

    /// <summary>
    /// Above this temperature every thermostat reports its second high limit (<c>AL_HIGH_LMT_ALM_2</c>, a Critical alarm
    /// on the dashboard); null: only the first limit (26 °C).
    /// </summary>
    public double? SecondHighLimit { get; init; }

    /// <summary>Devices connecting at the same time.</summary>
    public int ConnectParallelism { get; init; } = 16;
}
