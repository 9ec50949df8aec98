namespace Dashboard.Web.Security;

/// <summary>Sign-in and session settings (section <c>Dashboard:Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Dashboard:Security";

    /// <summary>
    /// How often an open page and a signed-in cookie are checked against the database (user locked or
    /// changed, display token revoked or expired); the longest a revoked session lives on.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a session found active is trusted before the database is asked again. Signing out, locking,
    /// a password reset or a token revocation in this dashboard take effect at once; a change made by
    /// another process (the <c>users</c> command) within this time.
    /// </summary>
    public TimeSpan SessionCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a sign-in lasts without use (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed passwords in a row before an account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in posts and display sign-ins one client address may make per minute; more get 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>The largest sign-in or sign-out form post, in bytes; a bigger one gets 413.</summary>
    public long MaxFormBytes { get; set; } = 16 * 1024;

    /// <summary>The largest request body anywhere else, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;
}
