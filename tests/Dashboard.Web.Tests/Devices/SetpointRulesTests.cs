using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;

namespace Dashboard.Web.Tests.Devices;

public sealed class SetpointRulesTests
{
    private static PointState Point(string? value, string? unit = null) =>
        new("Net/LON/iLON App/VirtFb/p", value, unit, null, "AL_NUL", 255, null, DateTimeOffset.UnixEpoch, SampleOrigin.Poll);

    [Theory]
    [InlineData("21.5", "21.5")]
    [InlineData(" -3 ", "-3")]
    [InlineData("1e1", "10")]
    public void Check_NumericPointWithANumber_ReturnsItInvariant(string input, string sent)
    {
        var check = SetpointRules.Check(Point("20.0", "°C"), "SNVT_temp_p", input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(sent, check.Value);
    }

    [Theory]
    [InlineData("warm", "Enter a number")]
    [InlineData("21,5", "Enter a number")]
    [InlineData("NaN", "Enter a number")]
    [InlineData("400", "from -273.17 to 327.66")]
    [InlineData("", "Enter a value")]
    public void Check_NumericPointWithBadInput_SaysWhatIsWrong(string input, string message)
    {
        var check = SetpointRules.Check(Point("20.0", "°C"), "SNVT_temp_p", input);

        Assert.False(check.IsValid);
        Assert.Contains(message, check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100 1", "100.0 1")]
    [InlineData("0.0 0", "0.0 0")]
    [InlineData("50.5  -1", "50.5 -1")]
    public void Check_SwitchInValueStateForm_IsNormalised(string input, string sent)
    {
        var check = SetpointRules.Check(Point("0.0 0", "value, state"), "SNVT_switch", input);

        Assert.Equal(sent, check.Value);
    }

    [Theory]
    [InlineData("ON")]
    [InlineData("100")]
    [InlineData("101 1")]
    [InlineData("50 2")]
    [InlineData("50 1 1")]
    public void Check_SwitchNotInValueStateForm_IsRefused(string input)
    {
        var check = SetpointRules.Check(Point("0.0 0", "value, state"), "SNVT_switch", input);

        Assert.Contains("value state", check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UNOCCUPIED", null)]
    [InlineData("not <ok>", "is not a SNVT_occupancy constant")]
    public void Check_EnumerationPoint_AcceptsOnlyAConstantName(string input, string? error)
    {
        var check = SetpointRules.Check(Point("OCCUPIED"), "SNVT_occupancy", input);

        if (error is null)
        {
            Assert.Equal(input, check.Value);
        }
        else
        {
            Assert.Contains(error, check.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KindOf_SwitchRecognisedByUnitWhenTheFormatIsUnknown()
    {
        Assert.Equal(SetpointKind.Switch, SetpointRules.KindOf(Point("0.0 0", "value, state"), null));
        Assert.Equal(SetpointKind.Text, SetpointRules.KindOf(Point("OCCUPIED"), "SNVT_occupancy"));
        Assert.Equal(SetpointKind.Numeric, SetpointRules.KindOf(Point("12"), null));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(-1, false)]
    [InlineData(256, false)]
    [InlineData(0, true)]
    [InlineData(255, true)]
    public void CheckPriority_OutsideZeroTo255_IsRefused(int? priority, bool valid) =>
        Assert.Equal(valid, SetpointRules.CheckPriority(priority) is null);
}
