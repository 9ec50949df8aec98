using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Xmpp;

namespace Dashboard.Web.Tests.Hub;

public sealed class DeviceStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public void Quality_OfflineDevice_IsOfflineWhateverItsPoints()
    {
        var device = Online() with { Availability = PresenceAvailability.Unavailable };

        Assert.Equal(PointQuality.Offline, device.Quality(Now, StaleAfter));
        Assert.Equal(PointQuality.Offline, device.QualityOf(Point(Now), Now, StaleAfter));
    }

    [Fact]
    public void Quality_OnlineNeverRead_IsUnknown() =>
        Assert.Equal(PointQuality.Unknown, Online().Quality(Now, StaleAfter));

    [Fact]
    public void Quality_FreshPoint_IsGood_AndOldPoint_IsStale()
    {
        var device = Online().WithPoint(Point(Now - TimeSpan.FromSeconds(5)));

        Assert.Equal(PointQuality.Good, device.Quality(Now, StaleAfter));
        Assert.Equal(PointQuality.Stale, device.Quality(Now + StaleAfter, StaleAfter));
    }

    [Fact]
    public void Quality_FailedAfterLastSuccess_IsFault_UntilTheNextSuccess()
    {
        var device = Online().WithPoint(Point(Now)) with { LastPolledAt = Now, LastError = "timeout", LastErrorAt = Now.AddSeconds(1) };
        Assert.Equal(PointQuality.Fault, device.Quality(Now.AddSeconds(2), StaleAfter));

        var recovered = device with { LastPolledAt = Now.AddSeconds(3) };
        Assert.Equal(PointQuality.Good, recovered.Quality(Now.AddSeconds(3), StaleAfter));
    }

    [Theory]
    [InlineData("AL_NUL", false)]
    [InlineData("AL_NO_CONDITION", false)]
    [InlineData("AL_HIGH_LMT_ALM_1", true)]
    [InlineData("AL_ALM_CONDITION", true)]
    [InlineData("AL_HIGH_LMT_ALM_2", true)]
    [InlineData("AL_HIGH_LMT_CLR_1", false)] // the limit condition cleared: back in range
    [InlineData("AL_LOW_LMT_CLR_2", false)]
    [InlineData("AL_OFFLINE", false)]
    public void IsAlarm_PointStatus_MapsToAlarm(string status, bool alarm) =>
        Assert.Equal(alarm, (Point(Now) with { Status = status }).IsAlarm);

    private static DeviceState Online() =>
        DeviceState.Create(Jid.Parse("00d071a1b2c3@xmpp.test"), "Boiler room") with { Availability = PresenceAvailability.Available };

    private static PointState Point(DateTimeOffset receivedAt) =>
        new("Net/LON/iLON App/VirtFb/temp_thermostat", "21.0", "°C", null, "AL_NUL", 255, receivedAt, receivedAt, SampleOrigin.Poll);
}

internal static class DeviceStateTestExtensions
{
    public static DeviceState WithPoint(this DeviceState device, PointState point) =>
        device with { Points = device.Points.SetItem(point.Name, point), LastPolledAt = point.ReceivedAt };
}

public sealed class DeviceStatePushTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public void Quality_PushedPoint_StaysGoodForItsOwnFreshness_ThenGoesStale()
    {
        var pushed = Point("a", PointDelivery.Push) with { FreshFor = TimeSpan.FromSeconds(90) };
        var device = Online().WithPoint(pushed);

        Assert.Equal(PointQuality.Good, device.Quality(Now + TimeSpan.FromSeconds(60), StaleAfter));
        Assert.Equal(PointQuality.Stale, device.QualityOf(pushed, Now + TimeSpan.FromSeconds(91), StaleAfter));
    }

    [Fact]
    public void Delivery_IsPushPollOrMixedOverThePoints()
    {
        var pushed = Online().WithPoint(Point("a", PointDelivery.Push));

        Assert.Equal(DeviceDelivery.Poll, Online().Delivery);
        Assert.Equal(DeviceDelivery.Push, pushed.Delivery);
        Assert.Equal(DeviceDelivery.Mixed, pushed.WithPoint(Point("b", PointDelivery.Poll)).Delivery);
    }

    private static DeviceState Online() =>
        DeviceState.Create(Jid.Parse("00d071a1b2c3@xmpp.test"), "Boiler room") with { Availability = PresenceAvailability.Available };

    private static PointState Point(string name, PointDelivery delivery) =>
        new(name, "21.0", "°C", null, "AL_NUL", 255, Now, Now, SampleOrigin.Push, delivery);
}
