using Dashboard.Simulator;
using Dashboard.Xmpp.SmartServer;

namespace Dashboard.Integration.Tests.SmartServer;

/// <summary>The simulated thermostat's status as a LonMark device reports it: a limit raised, then cleared once, then normal.</summary>
public sealed class SimulatedPointStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TemperatureBackInRangeAfterALimit_ReportsTheLimitClearedOnce_ThenNormal()
    {
        var point = new SimulatedPoint("Net/LON/iLON App/VirtFb/temp", PointKind.Temperature, "28.0", Now);
        var random = new Random(1);
        var statuses = new List<string>();
        for (var tick = 1; tick <= 200 && !(statuses.Count > 0 && statuses[^1] == "AL_NUL"); tick++)
        {
            point.Drift(random, setpoint: 21.0, Now.AddSeconds(tick));
            if (statuses.Count == 0 || statuses[^1] != point.Status)
            {
                statuses.Add(point.Status);
            }
        }

        Assert.Equal(["AL_HIGH_LMT_ALM_1", "AL_HIGH_LMT_CLR_1", "AL_NUL"], statuses);
        Assert.True(PointStatus.IsAlarm(statuses[0]));
        Assert.False(PointStatus.IsAlarm(statuses[1]));
    }
}
