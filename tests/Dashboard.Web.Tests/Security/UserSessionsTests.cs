using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Devices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>Server-side sessions over a migrated SQLite file: revocation takes effect through the cache, old rows go.</summary>
public sealed class UserSessionsTests : IDisposable
{
    private readonly string _database = DeviceServices.CreateDatabase();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly IDbContextFactory<DashboardDbContext> _contexts;
    private readonly UserSessions _sessions;

    public UserSessionsTests()
    {
        _contexts = new PooledDbContextFactory<DashboardDbContext>(
            new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_database};Pooling=False").Options);
        _sessions = new UserSessions(_contexts, Options.Create(new SecurityOptions { SessionLifetime = TimeSpan.FromHours(8) }), _time,
            NullLogger<UserSessions>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revoke_EndsASessionAlreadyRememberedAsActive()
    {
        var userId = await AddUserAsync("viewer-vic");
        var kept = await _sessions.StartAsync(userId, null, "browser", "10.0.0.1", Ct);
        var ended = await _sessions.StartAsync(userId, null, "browser", "10.0.0.2", Ct);
        Assert.True(await _sessions.IsActiveAsync(ended, Ct));

        await _sessions.RevokeAsync(ended, "signed out", Ct);

        Assert.False(await _sessions.IsActiveAsync(ended, Ct));
        Assert.True(await _sessions.IsActiveAsync(kept, Ct));
        Assert.False(await _sessions.IsActiveAsync("0123456789abcdef0123456789abcdef", Ct));
        Assert.False(await _sessions.IsActiveAsync(null, Ct));
    }

    [Fact]
    public async Task Start_DeletesIdleAndLongEndedSessionsButKeepsRecentOnes()
    {
        var userId = await AddUserAsync("viewer-ida");
        var idle = await _sessions.StartAsync(userId, null, "browser", null, Ct);
        var signedOut = await _sessions.StartAsync(userId, null, "browser", null, Ct);
        await _sessions.RevokeAsync(signedOut, "signed out", Ct);

        _time.Advance(TimeSpan.FromDays(2));
        var current = await _sessions.StartAsync(userId, null, "browser", null, Ct);

        Assert.Equal(new[] { current, signedOut }.Order(), (await SessionIdsAsync()).Order());
        Assert.False(await _sessions.IsActiveAsync(idle, Ct));

        _time.Advance(UserSessions.KeepEnded);
        Assert.True(await _sessions.IsActiveAsync(current, Ct));
        var latest = await _sessions.StartAsync(userId, null, "browser", null, Ct);

        Assert.Equal(new[] { current, latest }.Order(), (await SessionIdsAsync()).Order());
    }

    public void Dispose() => DeviceServices.DeleteDatabase(_database);

    private async Task<string> AddUserAsync(string name)
    {
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        var user = new DashboardUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), CreatedAt = _time.GetUtcNow() };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    }

    private async Task<IReadOnlyList<string>> SessionIdsAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        return await db.UserSessions.Select(s => s.Id).ToListAsync(Ct);
    }
}
