using System.Globalization;

namespace Dashboard.Bench;

/// <summary><c>--name value</c> options, and the server.env of the folder named by <c>--server</c>.</summary>
public sealed class BenchArguments(string[] args)
{
    public IReadOnlyDictionary<string, string> Options { get; } = args.Select((a, i) => (a, i))
        .Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
        .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : "");

    public string Option(string name, string fallback) => Options.TryGetValue(name, out var v) ? v : fallback;

    public int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, string> ServerEnv() => File.ReadAllLines(Path.Combine(Option("server", ".run/bench"), "server.env"))
        .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
