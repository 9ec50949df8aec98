using Dashboard.Xmpp;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Configuration;

/// <summary>Stops the start with one clear message naming the setting that is missing or wrong.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var failures = new List<string>();
        var xmpp = options.Xmpp;
        if (xmpp.IsConfigured)
        {
            if (!Uri.TryCreate(xmpp.BoshUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add("Dashboard:Xmpp:BoshUrl must be an absolute http(s) URL.");
            }

            if (!Jid.TryParse(xmpp.Jid, out var jid) || jid.Local is null)
            {
                failures.Add("Dashboard:Xmpp:Jid must be the dashboard's account as user@domain.");
            }

            if (string.IsNullOrEmpty(xmpp.Password))
            {
                failures.Add("Dashboard:Xmpp:Password is not set.");
            }

            if (xmpp.WaitSeconds is < 1 or > 300)
            {
                failures.Add("Dashboard:Xmpp:WaitSeconds must be between 1 and 300.");
            }

            if (xmpp.Hold is < 0 or > 4)
            {
                failures.Add("Dashboard:Xmpp:Hold must be between 0 and 4.");
            }
        }

        if (options.Polling.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Dashboard:Polling:Interval must be at least 00:00:01.");
        }

        if (options.Polling.MaxConcurrency is < 1 or > 1024)
        {
            failures.Add("Dashboard:Polling:MaxConcurrency must be between 1 and 1024.");
        }

        if (string.IsNullOrWhiteSpace(options.Storage.DatabasePath))
        {
            failures.Add("Dashboard:Storage:DatabasePath is not set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
