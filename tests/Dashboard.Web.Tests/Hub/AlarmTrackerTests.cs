using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Security;
using Dashboard.Testing;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Hub;

/// <summary>The ISA-18.2 alarm life cycle, stored in a real SQLite file with the app's migrations.</summary>
public sealed class AlarmTrackerTests : IAsyncLifetime
{
    private const string Point = "Net/LON/iLON App/VirtFb/temp_thermostat";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"alarms-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private static readonly System.Security.Claims.ClaimsPrincipal Ann = TestUsers.Signed("operator-ann", DashboardRoles.Operator);
    private static readonly System.Security.Claims.ClaimsPrincipal Bob = TestUsers.Signed("operator-bob", DashboardRoles.Operator);
    private PooledDbContextFactory<DashboardDbContext> _contexts = null!;
    private StoreWriter _store = null!;
    private ActionGuard _guard = null!;
    private AlarmTracker _alarms = null!;
    private DeviceState _device = null!;

    public async ValueTask InitializeAsync()
    {
        _contexts = new PooledDbContextFactory<DashboardDbContext>(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_database}").Options);
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        var live = new LiveUpdates(_time, NullLogger<LiveUpdates>.Instance);
        _guard = GuardedServices.Guard(_contexts, _time, out _store);
        await _store.StartAsync(Ct);
        _alarms = NewTracker(live);
        _device = DeviceState.Create(Jid.Parse("00d071a1b2c3@xmpp.test"), "Boiler room");
    }

    public async ValueTask DisposeAsync()
    {
        await _store.StopAsync(CancellationToken.None);
        _store.Dispose();
        File.Delete(_database);
    }

    private AlarmTracker NewTracker(LiveUpdates live) =>
        new(_contexts, new DeviceIds(_contexts, _time), live, _guard, _time, NullLogger<AlarmTracker>.Instance);

    private PointState Reading(string status) => new(Point, "27.5", "°C", null, status, 255, _time.GetUtcNow(), _time.GetUtcNow(), SampleOrigin.Poll);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HighLimit_RaisedAckedThenCleared_EndsClosedWithThreeEvents()
    {
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        var alarm = Assert.Single(await _alarms.OpenAlarmsAsync(Ct));
        Assert.Equal(AlarmState.ActiveUnacknowledged, alarm.State);
        Assert.Equal(AlarmSeverity.Medium, alarm.Severity);

        Assert.True(await _alarms.AcknowledgeAsync(alarm.Id, Ann, "fan checked", Ct));
        Assert.False(await _alarms.AcknowledgeAsync(alarm.Id, Bob, null, Ct));
        await _alarms.EvaluateAsync(_device, [Reading("AL_NUL")], Ct);

        Assert.Empty(await _alarms.OpenAlarmsAsync(Ct));
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        var stored = await db.Alarms.SingleAsync(Ct);
        Assert.Equal(AlarmState.ClearedAcknowledged, stored.State);
        Assert.Equal("operator-ann", stored.AcknowledgedBy);
        Assert.Equal("fan checked", stored.AcknowledgeComment);
        Assert.Equal([AlarmState.ActiveUnacknowledged, AlarmState.ActiveAcknowledged, AlarmState.ClearedAcknowledged],
            await db.AlarmEvents.OrderBy(e => e.Id).Select(e => e.State).ToListAsync(Ct));
    }

    [Fact]
    public async Task Alarm_ClearedBeforeAck_StaysOpenAsClearedUnackUntilAcknowledged()
    {
        await _alarms.EvaluateAsync(_device, [Reading("AL_ALM_CONDITION")], Ct);
        await _alarms.EvaluateAsync(_device, [Reading("AL_NUL")], Ct);

        var alarm = Assert.Single(await _alarms.OpenAlarmsAsync(Ct));
        Assert.Equal(AlarmState.ClearedUnacknowledged, alarm.State);
        Assert.Equal(AlarmSeverity.High, alarm.Severity);

        Assert.True(await _alarms.AcknowledgeAsync(alarm.Id, Ann, null, Ct));
        Assert.Empty(await _alarms.OpenAlarmsAsync(Ct));
    }

    [Fact]
    public async Task LimitClearedStatus_ClearsTheAlarm_AndRaisesNoNewOne()
    {
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);

        // The SmartServer reports the limit condition as cleared: the value is back in range.
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_CLR_1")], Ct);

        var alarm = Assert.Single(await _alarms.OpenAlarmsAsync(Ct));
        Assert.Equal("AL_HIGH_LMT_ALM_1", alarm.Condition);
        Assert.Equal(AlarmState.ClearedUnacknowledged, alarm.State);
    }

    [Fact]
    public async Task SecondHighLimit_RaisedAsCritical_FirstLimitAsMedium()
    {
        var lobby = DeviceState.Create(Jid.Parse("00d071a1b2c4@xmpp.test"), "Lobby");
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_2")], Ct);
        await _alarms.EvaluateAsync(lobby, [Reading("AL_HIGH_LMT_ALM_1")], Ct);

        await using var db = await _contexts.CreateDbContextAsync(Ct);
        var alarms = await db.Alarms.OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([AlarmSeverity.Critical, AlarmSeverity.Medium], alarms.Select(a => a.Severity));
        Assert.Equal("AL_HIGH_LMT_ALM_2", alarms[0].Condition);
    }

    [Fact]
    public async Task FirstLimitThenSecondLimit_FirstClearedAndACriticalRaised_AndBackAgain()
    {
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_2")], Ct);

        var open = await _alarms.OpenAlarmsAsync(Ct);
        Assert.Equal([(AlarmSeverity.Critical, AlarmState.ActiveUnacknowledged), (AlarmSeverity.Medium, AlarmState.ClearedUnacknowledged)],
            open.OrderByDescending(a => a.Id).Select(a => (a.Severity, a.State)));

        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        open = await _alarms.OpenAlarmsAsync(Ct);
        Assert.Equal(3, open.Count);
        Assert.Equal((AlarmSeverity.Medium, AlarmState.ActiveUnacknowledged), open.MaxBy(a => a.Id) is { } newest ? (newest.Severity, newest.State) : default);
        Assert.Equal(AlarmState.ClearedUnacknowledged, open.Single(a => a.Severity == AlarmSeverity.Critical).State);
    }

    [Fact]
    public async Task StillInAlarm_RepeatedReadings_RaiseOnlyOnce_EvenAcrossARestart()
    {
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        var restarted = NewTracker(new LiveUpdates(_time, NullLogger<LiveUpdates>.Instance));
        await restarted.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);

        Assert.Single(await restarted.OpenAlarmsAsync(Ct));
        await restarted.EvaluateAsync(_device, [Reading("AL_NUL")], Ct);
        Assert.Equal(AlarmState.ClearedUnacknowledged, Assert.Single(await restarted.OpenAlarmsAsync(Ct)).State);
    }

    [Fact]
    public async Task Viewer_Acknowledging_IsDeniedAndAudited_AlarmStaysUnacknowledged()
    {
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        var alarm = Assert.Single(await _alarms.OpenAlarmsAsync(Ct));

        var denied = await Assert.ThrowsAsync<ActionDeniedException>(() =>
            _alarms.AcknowledgeAsync(alarm.Id, TestUsers.Signed("lobby", DashboardRoles.Viewer), "looks fine", Ct));
        await Assert.ThrowsAsync<ActionDeniedException>(() => _alarms.AcknowledgeAsync(alarm.Id, TestUsers.Anonymous, null, Ct));
        await _store.FlushAsync(Ct);

        Assert.Equal("alarm.acknowledge", denied.Action);
        Assert.Equal(AlarmState.ActiveUnacknowledged, Assert.Single(await _alarms.OpenAlarmsAsync(Ct)).State);
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        var audit = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["lobby", "anonymous"], audit.Select(a => a.User));
        Assert.All(audit, a => Assert.False(a.Allowed));
    }

    [Fact]
    public async Task AcknowledgeMany_SomeAlreadyAcknowledged_AcknowledgesTheRestInOneGoWithTheComment()
    {
        var lobby = DeviceState.Create(Jid.Parse("00d071a1b2c4@xmpp.test"), "Lobby");
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        await _alarms.EvaluateAsync(lobby, [Reading("AL_HIGH_LMT_ALM_2")], Ct);
        var open = await _alarms.OpenAlarmsAsync(Ct);
        var first = open.Single(a => a.Severity == AlarmSeverity.Medium);
        Assert.True(await _alarms.AcknowledgeAsync(first.Id, Bob, "first", Ct));

        var acknowledged = await _alarms.AcknowledgeManyAsync([.. open.Select(a => a.Id), 999], Ann, "round done", Ct);

        Assert.Equal(1, acknowledged);
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        var alarms = await db.Alarms.OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.All(alarms, a => Assert.Equal(AlarmState.ActiveAcknowledged, a.State));
        Assert.Equal("first", alarms.Single(a => a.Id == first.Id).AcknowledgeComment);
        Assert.Equal("round done", alarms.Single(a => a.Id != first.Id).AcknowledgeComment);
        Assert.Equal(2, await db.AlarmEvents.CountAsync(e => e.State == AlarmState.ActiveAcknowledged, Ct));
    }

    [Fact]
    public async Task AcknowledgeMany_Viewer_IsDeniedAndAudited_NothingChanges()
    {
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        var alarm = Assert.Single(await _alarms.OpenAlarmsAsync(Ct));

        var denied = await Assert.ThrowsAsync<ActionDeniedException>(() =>
            _alarms.AcknowledgeManyAsync([alarm.Id], TestUsers.Signed("lobby", DashboardRoles.Viewer), null, Ct));
        await _store.FlushAsync(Ct);

        Assert.Equal("alarm.acknowledge", denied.Action);
        Assert.Equal(AlarmState.ActiveUnacknowledged, Assert.Single(await _alarms.OpenAlarmsAsync(Ct)).State);
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        var audit = Assert.Single(await db.AuditEntries.ToListAsync(Ct));
        Assert.False(audit.Allowed);
        Assert.Equal("lobby", audit.User);
    }

    [Fact]
    public async Task AcknowledgeMany_OversizeCommentOrTooManyAlarms_RefusedBeforeAnythingIsStored()
    {
        await _alarms.EvaluateAsync(_device, [Reading("AL_HIGH_LMT_ALM_1")], Ct);
        var alarm = Assert.Single(await _alarms.OpenAlarmsAsync(Ct));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _alarms.AcknowledgeManyAsync([alarm.Id], Ann, new string('x', AlarmTracker.MaxCommentLength + 1), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _alarms.AcknowledgeManyAsync(Enumerable.Range(1, AlarmTracker.MaxBulkAcknowledge + 1).Select(i => (long)i).ToArray(), Ann, null, Ct));

        Assert.Equal(AlarmState.ActiveUnacknowledged, Assert.Single(await _alarms.OpenAlarmsAsync(Ct)).State);
    }
}
