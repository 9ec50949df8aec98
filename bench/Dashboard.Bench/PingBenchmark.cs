using System.Diagnostics;
using Dashboard.Xmpp;

namespace Dashboard.Bench;

/// <summary>Round trips of one kind: warm-up, then sequential, then with many in flight.</summary>
public static class PingBenchmark
{
    /// <summary>XEP-0199 pings, to the server's domain unless a target is given.</summary>
    public static Task<RoundTripStats> RunAsync(string name, XmppClient client, int count, int warmup, int inFlight, Jid? target = null)
    {
        var to = target ?? new Jid(null, client.BoundJid!.Domain, null);
        return RunAsync(name, () => client.PingAsync(to), count, warmup, inFlight);
    }

    public static async Task<RoundTripStats> RunAsync(string name, Func<Task> roundTrip, int count, int warmup, int inFlight)
    {
        for (var i = 0; i < warmup; i++)
        {
            await roundTrip();
        }

        var times = new double[count];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await roundTrip();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var sequentialSeconds = total.Elapsed.TotalSeconds;
        Array.Sort(times);

        var next = 0;
        total.Restart();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                await roundTrip();
            }
        }));
        var inFlightSeconds = total.Elapsed.TotalSeconds;

        return new RoundTripStats(name, RoundTripStats.Percentile(times, 0.5), RoundTripStats.Percentile(times, 0.99),
            count / sequentialSeconds, inFlight, count / inFlightSeconds);
    }
}
