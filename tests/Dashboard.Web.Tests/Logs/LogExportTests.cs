using System.Security.Claims;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Logs;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Logs;

/// <summary>The guarded CSV export over a real SQLite file: who may export, and that a file holds exactly the filtered view.</summary>
public sealed class LogExportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0.AddHours(1));
    private LogDatabase _database = null!;
    private StoreWriter _store = null!;
    private LogExport _export = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await LogDatabase.CreateAsync();
        var guard = GuardedServices.Guard(_database.Contexts, _time, out _store);
        await _store.StartAsync(Ct);
        _export = new LogExport(new LogQueries(_database.Contexts), guard, _store, _time);
        await _database.AddAsync(
            new SoapExchange
            {
                CorrelationId = "c1", Jid = "00d071a1b2c3@xmpp.test", Operation = "Read", Outcome = SoapOutcome.Success, StartedAt = T0, DurationMs = 12.5,
                Request = "<Read><Item>=1+2</Item></Read>", Response = "<ok/>",
            },
            new SoapExchange
            {
                CorrelationId = "c2", Jid = "00d071a1b2c3@xmpp.test", Operation = "Write", Outcome = SoapOutcome.Fault, StartedAt = T0.AddMinutes(1),
                DurationMs = 40, Request = "<Write/>", Error = "=HYPERLINK(\"http://evil\",\"x\")",
            },
            new SoapExchange
            {
                CorrelationId = "c3", Jid = "00d071a1b2c4@xmpp.test", Operation = "Read", Outcome = SoapOutcome.Success, StartedAt = T0.AddMinutes(2),
                DurationMs = 8, Request = "<Read/>", Response = "line1\nline2, \"quoted\"",
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _store.StopAsync(CancellationToken.None);
        _store.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Operator_ExportsFilteredView_FileHoldsExactlyThoseRowsDefused()
    {
        var output = new StringWriter();

        var rows = await _export.WriteSoapExchangesAsync(new SoapExchangeFilter(Device: "b2c3"), TestUsers.Signed("operator-ann", DashboardRoles.Operator), output, Ct);

        Assert.Equal(2, rows);
        var lines = output.ToString().Split("\r\n");
        Assert.Equal("started_at,device,operation,outcome,duration_ms,correlation_id,error,request,response", lines[0]);
        Assert.StartsWith("2026-11-24 08:01:00.000Z,00d071a1b2c3@xmpp.test,Write,Fault,40,c2,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",<Write/>,", lines[1],
            StringComparison.Ordinal);
        Assert.Equal("2026-11-24 08:00:00.000Z,00d071a1b2c3@xmpp.test,Read,Success,12.5,c1,,<Read><Item>=1+2</Item></Read>,<ok/>", lines[2]);
        Assert.Equal([""], lines[3..]);
    }

    [Fact]
    public async Task Operator_Export_IsAuditedWithItsFilter()
    {
        await _export.WriteSoapExchangesAsync(new SoapExchangeFilter(Operation: "Read"), TestUsers.Signed("operator-ann", DashboardRoles.Operator),
            new StringWriter(), Ct);
        await _store.FlushAsync(Ct);

        await using var db = await _database.Contexts.CreateDbContextAsync(Ct);
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.True(audit.Allowed);
        Assert.Equal(LogExport.Action, audit.Action);
        Assert.Equal("?operation=Read", audit.Details);
    }

    public static TheoryData<string> Refused => ["viewer", "display", "anonymous"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task NotAnOperator_Export_RefusedBeforeWritingAndAudited(string who)
    {
        ClaimsPrincipal user = who switch
        {
            "viewer" => TestUsers.Signed("lobby", DashboardRoles.Viewer),
            "display" => new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "wall-1"), new Claim(ClaimTypes.Role, DashboardRoles.Admin), new Claim(DashboardClaims.DisplayToken, "1")], "test")),
            _ => TestUsers.Anonymous,
        };
        var output = new StringWriter();

        await Assert.ThrowsAsync<ActionDeniedException>(() => _export.WriteAuditEntriesAsync(new AuditEntryFilter(), user, output, Ct));
        await _store.FlushAsync(Ct);

        Assert.Equal("", output.ToString());
        await using var db = await _database.Contexts.CreateDbContextAsync(Ct);
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.False(audit.Allowed);
        Assert.Equal(LogExport.Action, audit.Action);
    }

    [Fact]
    public void FilterQuery_RoundTrip_GivesTheSameFilter()
    {
        var filter = new SoapExchangeFilter("boiler room", "Read", SoapOutcome.Timeout, T0, T0.AddHours(2));

        var query = LogFilterQuery.ToQuery(filter);

        Assert.Equal(filter, LogFilterQuery.SoapExchanges(Query(query)));
        Assert.Equal(new AuditEntryFilter("ann", null, false), LogFilterQuery.AuditEntries(Query(LogFilterQuery.ToQuery(new AuditEntryFilter("ann", null, false)))));
    }

    [Theory]
    [InlineData("?outcome=Maybe", "outcome")]
    [InlineData("?outcome=7", "outcome")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?device=a&device=b", "device")]
    public void FilterQuery_BadValue_RefusedNamingTheParameter(string query, string parameter)
    {
        var error = Assert.Throws<LogFilterException>(() => LogFilterQuery.SoapExchanges(Query(query)));

        Assert.Contains($"'{parameter}'", error.Message, StringComparison.Ordinal);
    }

    private static QueryCollection Query(string query) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => (StringValues)p.Value));
}
