using System.Text;
using Dashboard.Testing;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Devices;

/// <summary>CSV import against a real SQLite file, with the app's policies.</summary>
public sealed class DeviceImportTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = TestUsers.Signed("admin-ada", DashboardRoles.Admin);
    private DeviceServicesHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await DeviceServicesHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<DeviceImportReport> ImportAsync(string csv, System.Security.Claims.ClaimsPrincipal? user = null) =>
        _host.Get<DeviceImport>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), user ?? Admin, Ct);

    [Fact]
    public async Task Import_ValidFile_StoresEveryDeviceWithItsFieldsAndShowsThem()
    {
        var report = await ImportAsync("""
            jid,name,site,area,notes
            00D071A1B2C3@xmpp.test,Boiler room,HQ,Basement,"Key at reception, ask for Sam"
            00d071a1b2c4@xmpp.test,Roof AHU,HQ,,

            00d071a1b2c5@xmpp.test,Lobby
            """);

        Assert.True(report.Imported);
        Assert.Equal([2, 3, 5], report.Rows.Select(r => r.Line));
        Assert.All(report.Rows, r => Assert.Equal(DeviceImportOutcome.Added, r.Outcome));
        Assert.Equal("3 added, 0 already known.", report.Summary);

        await using var db = await _host.DbAsync();
        var boiler = await db.Devices.SingleAsync(d => d.Jid == "00d071a1b2c3@xmpp.test", Ct);
        Assert.Equal(("Boiler room", "HQ", "Basement", "Key at reception, ask for Sam", DeviceSource.Import),
            (boiler.Name, boiler.Site, boiler.Area, boiler.Notes, boiler.Source));
        var roof = await db.Devices.SingleAsync(d => d.Jid == "00d071a1b2c4@xmpp.test", Ct);
        Assert.Null(roof.Area);
        Assert.Equal("Lobby", _host.Get<DeviceRegistry>().Find(Jid.Parse("00d071a1b2c5@xmpp.test"))!.Name);
        Assert.Equal(3, _host.Get<DeviceRegistry>().Count);

        await _host.Store.FlushAsync(Ct);
        await using var audit = await _host.DbAsync();
        var entry = await audit.AuditEntries.SingleAsync(a => a.Action == "device.import", Ct);
        Assert.Equal(("admin-ada", "3 added, 0 already known", true), (entry.User, entry.Details, entry.Allowed));
    }

    [Fact]
    public async Task Import_FileWithBadRows_StoresNothingAndReportsEachRowsReason()
    {
        var report = await ImportAsync("""
            jid,name,site,area,notes
            00d071a1b2c3@xmpp.test,Boiler room
            not a jid,Bad
            00d071a1b2c4@xmpp.test,
            00D071A1B2C3@xmpp.test,Again
            00d071a1b2c6@xmpp.test,Too,many,columns,here,extra
            00d071a1b2c7@xmpp.test/resource,With resource
            xmpp.test,Server only
            ,No JID
            """);

        Assert.False(report.Imported);
        Assert.Contains("Nothing was imported: 7 of 8 rows are invalid", report.Summary, StringComparison.Ordinal);
        var byLine = report.Rows.ToDictionary(r => r.Line);
        Assert.Equal(DeviceImportOutcome.NotImported, byLine[2].Outcome);
        Assert.StartsWith("invalid JID", byLine[3].Reason, StringComparison.Ordinal);
        Assert.Equal("not a jid", byLine[3].Jid);
        Assert.Equal("missing name", byLine[4].Reason);
        Assert.Equal("duplicate: the same JID is on line 2", byLine[5].Reason);
        Assert.StartsWith("too many columns: 6", byLine[6].Reason, StringComparison.Ordinal);
        Assert.Contains("without a resource", byLine[7].Reason, StringComparison.Ordinal);
        Assert.Contains("user@domain", byLine[8].Reason, StringComparison.Ordinal);
        Assert.Equal("missing JID", byLine[9].Reason);

        await using var db = await _host.DbAsync();
        Assert.Empty(await db.Devices.ToListAsync(Ct));
        Assert.Equal(0, _host.Get<DeviceRegistry>().Count);
    }

    [Fact]
    public async Task Import_DeviceAlreadyKnown_IsSkippedUnchangedAndTheOthersAdded()
    {
        await _host.Get<DeviceDirectory>().AddAsync(Jid.Parse("00d071a1b2c3@xmpp.test"), "Original", "Site A", null, DeviceSource.Manual, Admin, Ct);

        var report = await ImportAsync("jid,name,site,area,notes\n00d071a1b2c3@xmpp.test,Renamed\n00d071a1b2c4@xmpp.test,New\n");

        Assert.True(report.Imported);
        Assert.Equal([DeviceImportOutcome.AlreadyKnown, DeviceImportOutcome.Added], report.Rows.Select(r => r.Outcome));
        await using var db = await _host.DbAsync();
        Assert.Equal("Original", (await db.Devices.SingleAsync(d => d.Jid == "00d071a1b2c3@xmpp.test", Ct)).Name);
        Assert.Equal(2, await db.Devices.CountAsync(Ct));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("jid,name\n00d071a1b2c3@xmpp.test,x\n", "header")]
    [InlineData("name,jid,site,area,notes\n", "header")]
    [InlineData("jid,name,site,area,notes\n", "no devices")]
    public async Task Import_FileWithoutHeaderOrRows_IsRefusedAsAWhole(string csv, string message)
    {
        var error = await Assert.ThrowsAsync<DeviceImportException>(() => ImportAsync(csv));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OversizeFile_IsRefusedBeforeParsing()
    {
        var csv = "jid,name,site,area,notes\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"d{i:x12}@xmpp.test,Device {i}\n"));
        Assert.True(Encoding.UTF8.GetByteCount(csv) > DeviceImport.MaxBytes);

        var error = await Assert.ThrowsAsync<DeviceImportException>(() => ImportAsync(csv));

        Assert.Contains("larger than 1024 KiB", error.Message, StringComparison.Ordinal);
        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.Devices.CountAsync(Ct));
    }

    [Fact]
    public async Task Import_NotUtf8_IsRefused()
    {
        var bytes = new byte[] { (byte)'j', (byte)'i', (byte)'d', 0xff, 0xfe, (byte)'\n' };

        var error = await Assert.ThrowsAsync<DeviceImportException>(() =>
            _host.Get<DeviceImport>().ImportAsync(new MemoryStream(bytes), Admin, Ct));

        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NameWithControlCharacters_IsInvalid()
    {
        var report = await ImportAsync("jid,name,site,area,notes\n00d071a1b2c3@xmpp.test,\"bell\u0007\"\n");

        Assert.Equal("name contains control characters", Assert.Single(report.Rows).Reason);
    }

    [Theory]
    [InlineData(DashboardRoles.Operator)]
    [InlineData(DashboardRoles.Viewer)]
    public async Task Import_ByAnyoneButAnAdmin_IsRefusedAuditedAndStoresNothing(string role)
    {
        var user = TestUsers.Signed("olly", role);

        await Assert.ThrowsAsync<ActionDeniedException>(() => ImportAsync("jid,name,site,area,notes\n00d071a1b2c3@xmpp.test,x\n", user));

        await _host.Store.FlushAsync(Ct);
        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.Devices.CountAsync(Ct));
        var denial = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("olly", "device.import", false), (denial.User, denial.Action, denial.Allowed));
    }

    [Fact]
    public async Task Import_TwoThousandRows_AllStoredInOneGo()
    {
        var csv = "jid,name,site,area,notes\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"00d071{i:x6}@xmpp.test,Device {i},Site {i % 7},Area {i % 13},\n"));

        var report = await ImportAsync(csv);

        Assert.Equal(2000, report.Added);
        await using var db = await _host.DbAsync();
        Assert.Equal(2000, await db.Devices.CountAsync(Ct));
    }
}
