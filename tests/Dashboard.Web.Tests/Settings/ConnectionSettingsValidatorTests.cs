using Dashboard.Web.Settings;

namespace Dashboard.Web.Tests.Settings;

public sealed class ConnectionSettingsValidatorTests
{
    private static readonly ConnectionSettings Valid = new()
    {
        BoshUrl = "http://127.0.0.1:5280/http-bind",
        Jid = "dashboard@xmpp.test",
        Password = "secret",
        WaitSeconds = 60,
        Hold = 1,
        PollInterval = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public void Validate_GoodSettings_NoErrors() => Assert.Empty(ConnectionSettingsValidator.Validate(Valid));

    [Theory]
    [InlineData("xmpp.example.com/http-bind")]
    [InlineData("/http-bind")]
    [InlineData("ftp://xmpp.example.com/http-bind")]
    [InlineData("ws://xmpp.example.com/xmpp-websocket")]
    public void Validate_UrlNotAbsoluteHttp_SaysAbsoluteHttpOrHttps(string url) =>
        AssertSingle(Valid with { BoshUrl = url }, nameof(ConnectionSettings.BoshUrl), "absolute http:// or https://");

    [Fact]
    public void Validate_UrlWithUserInfo_Refused() =>
        AssertSingle(Valid with { BoshUrl = "https://user:pw@xmpp.example.com/http-bind" }, nameof(ConnectionSettings.BoshUrl), "must not carry a user name");

    [Theory]
    [InlineData("xmpp.test")]
    [InlineData("dash board@xmpp.test")]
    [InlineData("dashboard@xmpp.test/resource")]
    [InlineData("@xmpp.test")]
    public void Validate_JidNotUserAtDomain_SaysUserAtDomain(string jid) =>
        AssertSingle(Valid with { Jid = jid }, nameof(ConnectionSettings.Jid), "user@domain");

    [Fact]
    public void Validate_NoJid_SaysItIsRequired() =>
        AssertSingle(Valid with { Jid = null }, nameof(ConnectionSettings.Jid), "required");

    [Fact]
    public void Validate_NoPassword_SaysItIsNotSet() =>
        AssertSingle(Valid with { Password = null }, nameof(ConnectionSettings.Password), "not set");

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    [InlineData(-5)]
    public void Validate_WaitOutside1To120_Refused(int wait) =>
        AssertSingle(Valid with { WaitSeconds = wait }, nameof(ConnectionSettings.WaitSeconds), "between 1 and 120 seconds");

    [Theory]
    [InlineData(1)]
    [InlineData(120)]
    public void Validate_WaitAtTheBounds_Accepted(int wait) => Assert.Empty(ConnectionSettingsValidator.Validate(Valid with { WaitSeconds = wait }));

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Validate_HoldOutside0To2_Refused(int hold) =>
        AssertSingle(Valid with { Hold = hold }, nameof(ConnectionSettings.Hold), "between 0 and 2");

    [Theory]
    [InlineData(0.999)]
    [InlineData(0)]
    public void Validate_PollIntervalUnderOneSecond_Refused(double seconds) =>
        AssertSingle(Valid with { PollInterval = TimeSpan.FromSeconds(seconds) }, nameof(ConnectionSettings.PollInterval), "at least 1 second");

    [Fact]
    public void Validate_ResourceWithControlCharacter_Refused() =>
        AssertSingle(Valid with { Resource = "desk\u0001" }, nameof(ConnectionSettings.Resource), "resource is not valid");

    [Fact]
    public void Validate_NotConfigured_AccountNotRequiredButPollIntervalStillChecked()
    {
        var errors = ConnectionSettingsValidator.Validate(new ConnectionSettings { PollInterval = TimeSpan.Zero });

        var error = Assert.Single(errors);
        Assert.Equal(nameof(ConnectionSettings.PollInterval), error.Field);
        Assert.Equal("Dashboard:Polling:Interval", error.Setting);
    }

    private static void AssertSingle(ConnectionSettings settings, string field, string messagePart)
    {
        var error = Assert.Single(ConnectionSettingsValidator.Validate(settings));
        Assert.Equal(field, error.Field);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }
}
