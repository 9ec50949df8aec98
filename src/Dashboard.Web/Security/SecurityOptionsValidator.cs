using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>Stops the start with a message naming a security setting that is out of range.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        if (options.RevalidationInterval < TimeSpan.FromSeconds(1) || options.RevalidationInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Dashboard:Security:RevalidationInterval must be between 00:00:01 and 01:00:00.");
        }

        if (options.SessionCacheDuration < TimeSpan.Zero || options.SessionCacheDuration > TimeSpan.FromMinutes(5))
        {
            failures.Add("Dashboard:Security:SessionCacheDuration must be between 00:00:00 and 00:05:00.");
        }

        if (options.SessionLifetime < TimeSpan.FromMinutes(1) || options.SessionLifetime > TimeSpan.FromDays(30))
        {
            failures.Add("Dashboard:Security:SessionLifetime must be between 00:01:00 and 30.00:00:00.");
        }

        if (options.MaxFailedSignIns is < 1 or > 100)
        {
            failures.Add("Dashboard:Security:MaxFailedSignIns must be between 1 and 100.");
        }

        if (options.LockoutDuration < TimeSpan.FromSeconds(1))
        {
            failures.Add("Dashboard:Security:LockoutDuration must be at least 00:00:01.");
        }

        if (options.SignInAttemptsPerMinute is < 1 or > 10_000)
        {
            failures.Add("Dashboard:Security:SignInAttemptsPerMinute must be between 1 and 10000.");
        }

        if (options.MaxFormBytes is < 1024 or > 1024 * 1024 || options.MaxRequestBytes < options.MaxFormBytes || options.MaxRequestBytes > 100 * 1024 * 1024)
        {
            failures.Add("Dashboard:Security:MaxFormBytes must be 1 KB to 1 MB and MaxRequestBytes from MaxFormBytes to 100 MB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
