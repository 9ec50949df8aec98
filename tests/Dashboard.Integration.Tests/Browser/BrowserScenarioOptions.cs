namespace Dashboard.Integration.Tests.Browser;

/// <summary>What a browser scenario runs: how many simulated SmartServers, their seed, the poll interval and further dashboard settings.</summary>
public sealed record BrowserScenarioOptions
{
    /// <summary>Simulated SmartServers in the fleet.</summary>
    public int Devices { get; init; } = 3;

    public int Seed { get; init; } = 7;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The simulated thermostats' second high limit (<see cref="Dashboard.Simulator.FleetOptions.SecondHighLimit"/>); null: none.</summary>
    public double? SecondHighLimit { get; init; }

    /// <summary>Further dashboard settings as environment variables (e.g. <c>Dashboard__Polling__StaleAfterIntervals</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Changes the simulated SmartServers once they are online, before the dashboard starts and lists their points.</summary>
    public Action<Dashboard.Simulator.SimulatorFleet>? PrepareFleet { get; init; }
}
