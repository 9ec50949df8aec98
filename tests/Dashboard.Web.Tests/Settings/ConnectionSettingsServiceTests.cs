using System.Security.Claims;
using Dashboard.Testing;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Dashboard.Web.Settings;
using Dashboard.Web.Tests.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Settings;

/// <summary>Saving settings through the guarded service: real files, real Data Protection, audit rows in real SQLite.</summary>
public sealed class ConnectionSettingsServiceTests : IAsyncLifetime
{
    private const string InitialPassword = "initial-secret";
    private static readonly ClaimsPrincipal Ada = TestUsers.Signed("admin-ada", DashboardRoles.Admin);
    private static readonly ClaimsPrincipal Ann = TestUsers.Signed("operator-ann", DashboardRoles.Operator);
    private readonly TempDataFolder _data = new();
    private readonly DashboardOptions _options = new()
    {
        Xmpp = new XmppSettings { BoshUrl = "http://127.0.0.1:5280/http-bind", Jid = "dashboard@xmpp.test", Password = InitialPassword },
    };
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();
    private PooledDbContextFactory<DashboardDbContext> _contexts = null!;
    private StoreWriter _writer = null!;
    private ConnectionSettingsStore _store = null!;
    private ConnectionSettingsProvider _provider = null!;
    private ConnectionSettingsService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _contexts = new PooledDbContextFactory<DashboardDbContext>(new DbContextOptionsBuilder<DashboardDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_data.Folder.Path, "dashboard.db")}").Options);
        await using (var db = await _contexts.CreateDbContextAsync(Ct))
        {
            await db.Database.MigrateAsync(Ct);
        }

        var guard = GuardedServices.Guard(_contexts, TimeProvider.System, out _writer);
        await _writer.StartAsync(Ct);
        _store = new ConnectionSettingsStore(_data.Folder, _protection, TimeProvider.System);
        _provider = NewProvider();
        _service = new ConnectionSettingsService(_provider, _store, guard, _writer, TimeProvider.System, NullLogger<ConnectionSettingsService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task SaveAsync_Admin_WritesFilePutsInUseRaisesChangedAndAuditsFieldNamesOnly()
    {
        ConnectionSettings? raised = null;
        _provider.Changed += (_, s) => raised = s;
        var change = ConnectionSettingsChange.From(_provider.Current) with { Jid = "other@xmpp.test", NewPassword = "new-secret", Hold = 2 };

        var changed = await _service.SaveAsync(change, Ada, Ct);

        Assert.Equal(["Jid", "Password", "Hold"], changed);
        Assert.Equal("other@xmpp.test", _provider.Current.Jid);
        Assert.Equal("new-secret", _provider.Current.Password);
        Assert.Equal(ConnectionSettingsSource.SavedFile, _provider.Source);
        Assert.Same(_provider.Current, raised);
        Assert.Equal(_provider.Current, _store.Load());
        var audit = await AuditAsync();
        var row = Assert.Single(audit, a => a.Allowed);
        Assert.Equal(("admin-ada", ConnectionSettingsService.SaveAction, "changed: Jid, Password, Hold"), (row.User, row.Action, row.Details));
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveAsync_Operator_DeniedAuditedAndNothingWritten()
    {
        var change = ConnectionSettingsChange.From(_provider.Current) with { Jid = "other@xmpp.test" };

        await Assert.ThrowsAsync<ActionDeniedException>(() => _service.SaveAsync(change, Ann, Ct));

        Assert.False(File.Exists(_data.Folder.ConnectionSettingsFile));
        Assert.Equal("dashboard@xmpp.test", _provider.Current.Jid);
        var row = Assert.Single(await AuditAsync());
        Assert.Equal(("operator-ann", false), (row.User, row.Allowed));
    }

    [Fact]
    public async Task SaveAsync_Invalid_ThrowsWithEachFieldAndNothingWritten()
    {
        var change = ConnectionSettingsChange.From(_provider.Current) with { BoshUrl = "xmpp.test:5280", WaitSeconds = 500 };

        var error = await Assert.ThrowsAsync<ConnectionSettingsInvalidException>(() => _service.SaveAsync(change, Ada, Ct));

        Assert.Equal(["BoshUrl", "WaitSeconds"], error.Errors.Select(e => e.Field));
        Assert.False(File.Exists(_data.Folder.ConnectionSettingsFile));
        Assert.Equal(ConnectionSettingsSource.Configuration, _provider.Source);
    }

    [Fact]
    public async Task SaveAsync_NoNewPassword_KeepsTheOneInUse()
    {
        await _service.SaveAsync(ConnectionSettingsChange.From(_provider.Current) with { Resource = "wall" }, Ada, Ct);

        Assert.Equal(InitialPassword, _provider.Current.Password);
        Assert.Equal(InitialPassword, NewProvider().Current.Password);
    }

    [Fact]
    public async Task SaveAsync_NothingChanged_WritesNothing()
    {
        var changed = await _service.SaveAsync(ConnectionSettingsChange.From(_provider.Current), Ada, Ct);

        Assert.Empty(changed);
        Assert.False(File.Exists(_data.Folder.ConnectionSettingsFile));
    }

    [Fact]
    public async Task SaveAsync_FileCannotBeWritten_ThrowsAndKeepsTheOldFileAndSettings()
    {
        await _service.SaveAsync(ConnectionSettingsChange.From(_provider.Current) with { Resource = "first" }, Ada, Ct);
        var before = await File.ReadAllTextAsync(_data.Folder.ConnectionSettingsFile, Ct);
        Directory.CreateDirectory(_data.Folder.ConnectionSettingsFile + ".tmp"); // the temporary file cannot be created

        var error = await Assert.ThrowsAsync<ConnectionSettingsFileException>(() =>
            _service.SaveAsync(ConnectionSettingsChange.From(_provider.Current) with { Resource = "second" }, Ada, Ct));

        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_data.Folder.ConnectionSettingsFile, Ct));
        Assert.Equal("first", _provider.Current.Resource);
    }

    [Fact]
    public async Task Provider_SavedFileWins_OverAppsettings()
    {
        await _service.SaveAsync(ConnectionSettingsChange.From(_provider.Current) with { PollInterval = TimeSpan.FromSeconds(3) }, Ada, Ct);

        var restarted = NewProvider();

        Assert.Equal(ConnectionSettingsSource.SavedFile, restarted.Source);
        Assert.Equal(TimeSpan.FromSeconds(3), restarted.Current.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), _options.Polling.Interval);
    }

    [Fact]
    public async Task Provider_TamperedFile_HubOffWithReasonUntilSavedAgain()
    {
        await _service.SaveAsync(ConnectionSettingsChange.From(_provider.Current) with { Resource = "wall" }, Ada, Ct);
        var text = await File.ReadAllTextAsync(_data.Folder.ConnectionSettingsFile, Ct);
        await File.WriteAllTextAsync(_data.Folder.ConnectionSettingsFile, text.Replace("\"wall\"", "\"desk\"", StringComparison.Ordinal), Ct);

        var restarted = NewProvider();

        Assert.False(restarted.Current.IsConfigured);
        Assert.Contains("changed outside the dashboard", restarted.LoadError, StringComparison.Ordinal);
        Assert.Equal(_options.Xmpp.BoshUrl, restarted.Editable.BoshUrl);

        var guard = GuardedServices.Guard(_contexts, TimeProvider.System, out var writer);
        var service = new ConnectionSettingsService(restarted, _store, guard, writer, TimeProvider.System, NullLogger<ConnectionSettingsService>.Instance);
        await service.SaveAsync(ConnectionSettingsChange.From(restarted.Editable), Ada, Ct);

        Assert.Null(restarted.LoadError);
        Assert.True(restarted.Current.IsConfigured);
        Assert.Equal(InitialPassword, NewProvider().Current.Password);
    }

    private ConnectionSettingsProvider NewProvider() =>
        new(Options.Create(_options), _store, NullLogger<ConnectionSettingsProvider>.Instance);

    private async Task<List<Dashboard.Web.Data.Entities.AuditEntry>> AuditAsync()
    {
        using var flush = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        flush.CancelAfter(TimeSpan.FromSeconds(10));
        await _writer.FlushAsync(flush.Token);
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        return await db.AuditEntries.AsNoTracking().ToListAsync(Ct);
    }
}
