using System.Collections.Concurrent;
using Dashboard.Testing;
using Dashboard.Web.Hub.Push;
using Dashboard.Xmpp.SmartServer;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Hub.Push;

public sealed class DevicePushQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly ConcurrentQueue<IReadOnlyList<DataPoint>> _applied = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_WithinTheRate_IsAppliedAtOnce()
    {
        var queue = Queue(updatesPerSecond: 2);

        queue.Submit([Reading("a", "1", 1)]);

        await Eventually.WaitUntilAsync(() => _applied.Count == 1, TimeSpan.FromSeconds(15), "the value applied without waiting for the clock", Ct);
        Assert.Equal("1", _applied.Single().Single().Value!.Text);
    }

    [Fact]
    public async Task Submit_BurstBeyondTheRate_KeepsTheLatestValuePerPointUntilTheNextToken()
    {
        var queue = Queue(updatesPerSecond: 1);
        queue.Submit([Reading("a", "first", 1)]);
        await Eventually.WaitUntilAsync(() => _applied.Count == 1, TimeSpan.FromSeconds(15), "the first value applied", Ct);

        var coalesced = 0;
        for (var i = 2; i <= 1000; i++)
        {
            coalesced += queue.Submit([Reading("a", $"v{i}", i), Reading("b", $"w{i}", i)]);
        }

        coalesced += queue.Submit([Reading("a", "late and old", 5)]);
        Assert.Single(_applied); // the clock has not moved: no token, nothing more applied

        await Eventually.WaitUntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(100)); // the clock moves on until the next token comes
            return _applied.Count == 2;
        }, TimeSpan.FromSeconds(15), "one coalesced update once a token came", Ct);
        var second = _applied.Last().ToDictionary(p => p.Name, p => p.Value!.Text);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "v1000", ["b"] = "w1000" }, second);
        Assert.Equal(2 * 998 + 1, coalesced);
    }

    private DevicePushQueue Queue(int updatesPerSecond) => new(updatesPerSecond, batch =>
    {
        _applied.Enqueue(batch);
        return Task.CompletedTask;
    }, _time, Ct);

    private static DataPoint Reading(string name, string value, int second) =>
        new(name, "Dp_Data", null, [new DataPointValue(value, null, null)], null, null, T0.AddSeconds(second), null);
}
