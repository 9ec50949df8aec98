using Dashboard.Testing;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Devices;

public sealed class DeviceNotesTests : IAsyncLifetime
{
    private static readonly Jid Boiler = Jid.Parse("00d071a1b2c3@xmpp.test");
    private DeviceServicesHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await DeviceServicesHost.StartAsync();
        await using var db = await _host.DbAsync();
        db.Devices.Add(new Device { Jid = Boiler.ToString(), Name = "Boiler", Notes = "old" });
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Save_ByAdmin_StoresTrimmedNotesAndAudits()
    {
        var notes = _host.Get<DeviceNotes>();

        await notes.SaveAsync(Boiler, "  Key at reception  ", TestUsers.Signed("ada", DashboardRoles.Admin), Ct);

        Assert.Equal("Key at reception", await notes.GetAsync(Boiler, Ct));
        await _host.Store.FlushAsync(Ct);
        await using var db = await _host.DbAsync();
        Assert.Equal(("ada", "device.notes", true), await db.AuditEntries.Select(a => ValueTuple.Create(a.User, a.Action, a.Allowed)).SingleAsync(Ct));
    }

    [Fact]
    public async Task Save_ByOperator_IsRefusedAndLeavesTheNotes()
    {
        var notes = _host.Get<DeviceNotes>();

        await Assert.ThrowsAsync<ActionDeniedException>(() => notes.SaveAsync(Boiler, "new", TestUsers.Signed("olly", DashboardRoles.Operator), Ct));

        Assert.Equal("old", await notes.GetAsync(Boiler, Ct));
    }

    [Fact]
    public async Task Save_TooLongOrUnknownDevice_IsRefused()
    {
        var notes = _host.Get<DeviceNotes>();
        var admin = TestUsers.Signed("ada", DashboardRoles.Admin);

        await Assert.ThrowsAsync<ArgumentException>(() => notes.SaveAsync(Boiler, new string('x', DeviceNotes.MaxLength + 1), admin, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => notes.SaveAsync(Jid.Parse("nobody@xmpp.test"), "x", admin, Ct));
        Assert.Equal("old", await notes.GetAsync(Boiler, Ct));
    }
}
