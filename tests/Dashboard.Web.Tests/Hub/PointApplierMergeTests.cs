using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Xmpp.SmartServer;

namespace Dashboard.Web.Tests.Hub;

public sealed class PointApplierMergeTests
{
    private const string Name = "Net/LON/iLON App/VirtFb/temp_thermostat";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddMinutes(5);
    private static readonly TimeSpan PushedFreshFor = TimeSpan.FromSeconds(90);

    [Fact]
    public void Push_NewerReading_IsAppliedAsPushedWithItsFreshness()
    {
        var merge = PointApplier.Merge(Shown("21.0", T0, PointDelivery.Poll), Reading("21.5", T0.AddSeconds(1)), SampleOrigin.Push, Now, PushedFreshFor);

        Assert.Equal("21.5", merge.State!.Value);
        Assert.Equal(PointDelivery.Push, merge.State.Delivery);
        Assert.Equal(PushedFreshFor, merge.State.FreshFor);
        Assert.True(merge.IsNewReading);
    }

    [Theory]
    [InlineData(SampleOrigin.Push)]
    [InlineData(SampleOrigin.Poll)]
    [InlineData(SampleOrigin.Write)]
    public void AnyOrigin_ReadingOlderThanTheShownOne_NeverMovesThePointBack(SampleOrigin origin) =>
        Assert.Null(PointApplier.Merge(Shown("22.0", T0.AddSeconds(10), PointDelivery.Push), Reading("21.0", T0), origin, Now, PushedFreshFor).State);

    [Fact]
    public void Push_DuplicateOfThePushedReading_IsAppliedOnce()
    {
        var shown = Shown("21.0", T0, PointDelivery.Push);

        Assert.Null(PointApplier.Merge(shown, Reading("21.0", T0), SampleOrigin.Push, Now, PushedFreshFor).State);
    }

    [Fact]
    public void Push_SameReadingAsPolled_SwitchesToPushWithoutANewSample()
    {
        var merge = PointApplier.Merge(Shown("21.0", T0, PointDelivery.Poll), Reading("21.0", T0), SampleOrigin.Push, Now, PushedFreshFor);

        Assert.Equal(PointDelivery.Push, merge.State!.Delivery);
        Assert.False(merge.IsNewReading);
    }

    [Fact]
    public void SafetyPoll_SameReadingAsPushed_ConfirmsIt()
    {
        var merge = PointApplier.Merge(Shown("21.0", T0, PointDelivery.Push), Reading("21.0", T0), SampleOrigin.Poll, Now, PushedFreshFor);

        Assert.Equal((PointDelivery.Push, Now, false, false), (merge.State!.Delivery, merge.State.ReceivedAt, merge.IsNewReading, merge.BindingMissedUpdate));
    }

    [Fact]
    public void SafetyPoll_NewerReadingThanPushed_MeansTheBindingIsSilent_AndThePointIsPolledAgain()
    {
        var merge = PointApplier.Merge(Shown("21.0", T0, PointDelivery.Push), Reading("23.0", T0.AddSeconds(30)), SampleOrigin.Poll, Now, PushedFreshFor);

        Assert.True(merge.BindingMissedUpdate);
        Assert.Equal(("23.0", PointDelivery.Poll, (TimeSpan?)null), (merge.State!.Value, merge.State.Delivery, merge.State.FreshFor));
    }

    [Fact]
    public void Poll_UnchangedReading_IsNoNewSample() =>
        Assert.False(PointApplier.Merge(Shown("21.0", T0, PointDelivery.Poll), Reading("21.0", T0), SampleOrigin.Poll, Now, PushedFreshFor).IsNewReading);

    [Fact]
    public void WriteReadBack_KeepsThePointsDeliveryAndIsAlwaysASample()
    {
        var merge = PointApplier.Merge(Shown("21.0", T0, PointDelivery.Push), Reading("21.0", T0), SampleOrigin.Write, Now, PushedFreshFor);

        Assert.Equal(PointDelivery.Push, merge.State!.Delivery);
        Assert.True(merge.IsNewReading);
    }

    private static PointState Shown(string value, DateTimeOffset lastUpdate, PointDelivery delivery) =>
        new(Name, value, "°C", null, "AL_NUL", 255, lastUpdate, T0, SampleOrigin.Poll, delivery, delivery == PointDelivery.Push ? PushedFreshFor : null);

    private static DataPoint Reading(string value, DateTimeOffset lastUpdate) =>
        new(Name, "Dp_Data", null, [new DataPointValue(value, "#0000000000000000[0].SNVT_temp", "°C")], "AL_NUL", 255, lastUpdate, null);
}
