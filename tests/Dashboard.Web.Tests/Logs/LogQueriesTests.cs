using Dashboard.Web.Data.Entities;
using Dashboard.Web.Logs;

namespace Dashboard.Web.Tests.Logs;

/// <summary>The Logs page's filters, run as SQL against a real SQLite file.</summary>
public sealed class LogQueriesTests : IAsyncLifetime
{
    private const string Boiler = "00d071a1b2c3@xmpp.test";
    private const string Lobby = "00d071a1b2c4@xmpp.test";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private LogDatabase _database = null!;
    private LogQueries _queries = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await LogDatabase.CreateAsync();
        _queries = new LogQueries(_database.Contexts);
        await _database.AddAsync(
            new Device { Jid = Boiler, Name = "Boiler room 100%", AddedAt = T0 },
            new Device { Jid = Lobby, Name = "Lobby", AddedAt = T0 },
            Exchange(1, Boiler, "Read", SoapOutcome.Success, T0),
            Exchange(2, Boiler, "Write", SoapOutcome.Fault, T0.AddMinutes(1)),
            Exchange(3, Lobby, "Read", SoapOutcome.Timeout, T0.AddMinutes(2)),
            Exchange(4, Lobby, "List", SoapOutcome.Success, T0.AddMinutes(3)),
            new PresenceEvent { Jid = Boiler, Availability = "Available", At = T0 },
            new PresenceEvent { Jid = Lobby, Availability = "Unavailable", At = T0.AddMinutes(5) },
            new AuditEntry { At = T0, User = "operator-ann", Action = "point.write", Target = Boiler, Allowed = true },
            new AuditEntry { At = T0.AddMinutes(1), User = "lobby", Action = "alarm.acknowledge", Target = "alarm 1", Allowed = false });
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static SoapExchange Exchange(int n, string jid, string operation, SoapOutcome outcome, DateTimeOffset at) => new()
    {
        CorrelationId = $"c{n}", Jid = jid, Operation = operation, Outcome = outcome, StartedAt = at, DurationMs = n * 10,
        Request = $"<{operation}/>", Response = outcome == SoapOutcome.Success ? "<ok/>" : null,
    };

    [Fact]
    public async Task SoapExchanges_NoFilter_AllNewestFirst()
    {
        var rows = await _queries.SoapExchangesAsync(new SoapExchangeFilter(), Ct);

        Assert.Equal(["c4", "c3", "c2", "c1"], rows.Select(r => r.CorrelationId));
    }

    [Fact]
    public async Task SoapExchanges_DeviceByPartOfJidOrOfItsName_MatchesThatDeviceOnly()
    {
        Assert.Equal(["c4", "c3"], (await _queries.SoapExchangesAsync(new SoapExchangeFilter(Device: "b2c4"), Ct)).Select(r => r.CorrelationId));
        Assert.Equal(["c2", "c1"], (await _queries.SoapExchangesAsync(new SoapExchangeFilter(Device: "BOILER"), Ct)).Select(r => r.CorrelationId));
    }

    [Fact]
    public async Task SoapExchanges_DeviceTextWithLikeWildcards_MatchesThemLiterally()
    {
        Assert.Equal(2, (await _queries.SoapExchangesAsync(new SoapExchangeFilter(Device: "100%"), Ct)).Count);
        Assert.Equal(["c2", "c1"], (await _queries.SoapExchangesAsync(new SoapExchangeFilter(Device: "%"), Ct)).Select(r => r.CorrelationId));
        Assert.Empty(await _queries.SoapExchangesAsync(new SoapExchangeFilter(Device: "_"), Ct));
    }

    [Fact]
    public async Task SoapExchanges_OperationOutcomeAndTimeRange_AllApplyTogether()
    {
        Assert.Equal(["c3", "c1"], (await _queries.SoapExchangesAsync(new SoapExchangeFilter(Operation: "Read"), Ct)).Select(r => r.CorrelationId));
        Assert.Equal(["c2"], (await _queries.SoapExchangesAsync(new SoapExchangeFilter(Outcome: SoapOutcome.Fault), Ct)).Select(r => r.CorrelationId));
        Assert.Equal(["c3", "c2"], (await _queries.SoapExchangesAsync(new SoapExchangeFilter(From: T0.AddMinutes(1), To: T0.AddMinutes(2)), Ct))
            .Select(r => r.CorrelationId));
        Assert.Equal(["c3"], (await _queries.SoapExchangesAsync(new SoapExchangeFilter(Device: "lobby", Operation: "Read", From: T0.AddMinutes(1)), Ct))
            .Select(r => r.CorrelationId));
    }

    [Fact]
    public async Task SoapExchanges_MoreThanTheCap_NewestCapRowsOnly()
    {
        var many = Enumerable.Range(100, LogQueries.MaxRows + 5).Select(n => (object)Exchange(n, Lobby, "Read", SoapOutcome.Success, T0.AddHours(1).AddSeconds(n)));
        await _database.AddAsync([.. many]);

        var rows = await _queries.SoapExchangesAsync(new SoapExchangeFilter(), Ct);

        Assert.Equal(LogQueries.MaxRows, rows.Count);
        Assert.Equal($"c{100 + LogQueries.MaxRows + 4}", rows[0].CorrelationId);
        Assert.DoesNotContain(rows, r => r.CorrelationId == "c1");
    }

    [Fact]
    public async Task StreamSoapExchanges_SameFilter_SameRowsWithBodies()
    {
        var filter = new SoapExchangeFilter(Device: "boiler");
        var listed = await _queries.SoapExchangesAsync(filter, Ct);

        var streamed = new List<SoapExchange>();
        await foreach (var exchange in _queries.StreamSoapExchangesAsync(filter, Ct))
        {
            streamed.Add(exchange);
        }

        Assert.Equal(listed.Select(r => r.Id), streamed.Select(s => s.Id));
        Assert.Equal("<Write/>", streamed[0].Request);
    }

    [Fact]
    public async Task PresenceEvents_DeviceAndTime_Filtered()
    {
        Assert.Equal([Lobby, Boiler], (await _queries.PresenceEventsAsync(new PresenceEventFilter(), Ct)).Select(p => p.Jid));
        Assert.Equal([Boiler], (await _queries.PresenceEventsAsync(new PresenceEventFilter(Device: "boiler"), Ct)).Select(p => p.Jid));
        Assert.Equal([Lobby], (await _queries.PresenceEventsAsync(new PresenceEventFilter(From: T0.AddMinutes(1)), Ct)).Select(p => p.Jid));
    }

    [Fact]
    public async Task AuditEntries_UserActionAndOutcome_Filtered()
    {
        Assert.Equal(["lobby"], (await _queries.AuditEntriesAsync(new AuditEntryFilter(Allowed: false), Ct)).Select(a => a.User));
        Assert.Equal(["operator-ann"], (await _queries.AuditEntriesAsync(new AuditEntryFilter(User: "ANN"), Ct)).Select(a => a.User));
        Assert.Equal(["lobby"], (await _queries.AuditEntriesAsync(new AuditEntryFilter(Action: "alarm."), Ct)).Select(a => a.User));
        Assert.Empty(await _queries.AuditEntriesAsync(new AuditEntryFilter(User: "ann", To: T0.AddSeconds(-1)), Ct));
    }
}
