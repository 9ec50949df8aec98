namespace Dashboard.Bench;

/// <summary>One client's figures: latency percentiles of sequential round trips and throughput with many in flight.</summary>
public sealed record RoundTripStats(string Client, double P50Ms, double P99Ms, double SequentialPerSecond, int InFlight, double InFlightPerSecond)
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    public string ToMarkdownRow() =>
        FormattableString.Invariant($"| {Client} | {P50Ms:0.00} | {P99Ms:0.00} | {SequentialPerSecond:#,0} | {InFlightPerSecond:#,0} |");
}
