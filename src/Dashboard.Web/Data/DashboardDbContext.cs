using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>
/// The dashboard's durable record: devices, their points and history, logs, alarms, audit, and the
/// Identity tables (users, roles) with the wall displays' tokens and the signed-in sessions.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : IdentityDbContext<DashboardUser, IdentityRole, string>(options)
{
    public DbSet<Device> Devices => Set<Device>();

    public DbSet<DataPointRecord> DataPoints => Set<DataPointRecord>();

    public DbSet<Sample> Samples => Set<Sample>();

    public DbSet<PresenceEvent> PresenceEvents => Set<PresenceEvent>();

    public DbSet<SoapExchange> SoapExchanges => Set<SoapExchange>();

    public DbSet<Alarm> Alarms => Set<Alarm>();

    public DbSet<AlarmEvent> AlarmEvents => Set<AlarmEvent>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DisplayToken> DisplayTokens => Set<DisplayToken>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite stores DateTimeOffset as text, which it cannot order or compare; Unix milliseconds can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<IdentityRole>().HasData(SeededRoles.All);
        modelBuilder.Entity<DisplayToken>(token =>
        {
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.Property(t => t.Name).HasMaxLength(100);
        });
        modelBuilder.Entity<UserSession>(session =>
        {
            session.Property(s => s.Id).HasMaxLength(32);
            session.Property(s => s.RevokedReason).HasMaxLength(64);
            session.Property(s => s.Client).HasMaxLength(200);
            session.HasOne<DashboardUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasOne<DisplayToken>().WithMany().HasForeignKey(s => s.DisplayTokenId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Device>(device =>
        {
            device.HasIndex(d => d.Jid).IsUnique();
            device.Property(d => d.Jid).HasMaxLength(3071);
            device.Property(d => d.Name).HasMaxLength(200);
            device.HasMany(d => d.Points).WithOne(p => p.Device).HasForeignKey(p => p.DeviceId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DataPointRecord>().HasIndex(p => new { p.DeviceId, p.Name }).IsUnique();
        modelBuilder.Entity<Sample>().HasIndex(s => new { s.DeviceId, s.PointName, s.Timestamp });
        modelBuilder.Entity<Sample>().HasIndex(s => s.Timestamp);
        modelBuilder.Entity<PresenceEvent>().HasIndex(p => new { p.Jid, p.At });
        modelBuilder.Entity<SoapExchange>().HasIndex(s => s.StartedAt);
        modelBuilder.Entity<SoapExchange>().HasIndex(s => s.CorrelationId);
        modelBuilder.Entity<Alarm>().HasIndex(a => new { a.DeviceId, a.PointName, a.State });
        modelBuilder.Entity<AlarmEvent>().HasIndex(a => a.AlarmId);
        modelBuilder.Entity<AuditEntry>().HasIndex(a => a.At);
    }
}
