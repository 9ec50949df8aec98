using Dashboard.Web.Alarms;
using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Tests.Alarms;

public sealed class PointStatusSeverityTests
{
    [Theory]
    [InlineData("AL_HIGH_LMT_ALM_2", AlarmSeverity.Critical)]
    [InlineData("AL_LOW_LMT_ALM_2", AlarmSeverity.Critical)]
    [InlineData("AL_FATAL_ERROR", AlarmSeverity.Critical)]
    [InlineData("AL_ALM_CONDITION", AlarmSeverity.High)]
    [InlineData("AL_HIGH_LMT_ALM_1", AlarmSeverity.Medium)]
    [InlineData("AL_LOW_LMT_ALM_1", AlarmSeverity.Medium)]
    [InlineData("AL_TAMPER", AlarmSeverity.Low)]
    [InlineData("SOMETHING_UNKNOWN", AlarmSeverity.Low)]
    public void Of_SmartServerPointStatus_GivesTheDocumentedSeverity(string status, AlarmSeverity expected) =>
        Assert.Equal(expected, PointStatusSeverity.Of(status));

    [Fact]
    public void Of_EverySecondLimit_IsAboveEveryFirstLimit() =>
        Assert.True(PointStatusSeverity.Of("AL_HIGH_LMT_ALM_2") > PointStatusSeverity.Of("AL_ALM_CONDITION")
            && PointStatusSeverity.Of("AL_ALM_CONDITION") > PointStatusSeverity.Of("AL_HIGH_LMT_ALM_1"));
}
