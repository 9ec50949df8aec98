using System.Globalization;

namespace Dashboard.Simulator;

/// <summary>The simulator's command line.</summary>
internal sealed record CommandLine(string ServerDirectory, int Count, int Seed, string? Dashboard, bool UseBosh, int FaultyEvery, TimeSpan Tick,
    int PushEvery, double? SecondHighLimit = null)
{
    /// <summary>The second high limit <c>--alarm-critical</c> gives every thermostat, in °C.</summary>
    public const double CriticalAbove = 30.0;

    public static CommandLine? Parse(string[] args)
    {
        string? server = null, dashboard = null;
        int count = 20, seed = 1, faultyEvery = 0, pushEvery = 0;
        var tick = TimeSpan.FromSeconds(2);
        var bosh = false;
        double? secondHighLimit = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--server": server = Next(); break;
                case "--count": count = Number(); break;
                case "--seed": seed = Number(); break;
                case "--dashboard": dashboard = Next(); break;
                case "--bosh": bosh = true; break;
                case "--faulty-every": faultyEvery = Number(); break;
                case "--tick": tick = TimeSpan.FromSeconds(Number()); break;
                case "--push": pushEvery = 1; break;
                case "--push-every": pushEvery = Number(); break;
                case "--alarm-critical": secondHighLimit = CriticalAbove; break;
                default: return null;
            }
        }

        // Pushing needs a target: the dashboard's account.
        return server is null || count < 1 || (pushEvery > 0 && dashboard is null) ? null
            : new CommandLine(server, count, seed, dashboard, bosh, faultyEvery, tick, pushEvery, secondHighLimit);
    }
}
