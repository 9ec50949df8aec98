using Dashboard.Web.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Configuration;

/// <summary>Stops the start with one clear message naming the setting that is missing or wrong.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        // The connection settings follow the same rules here as on the Settings page.
        var failures = ConnectionSettingsValidator.Validate(ConnectionSettings.FromOptions(options))
            .Select(e => $"{e.Setting}: {e.Message}")
            .ToList();

        if (options.Polling.MaxConcurrency is < 1 or > 1024)
        {
            failures.Add("Dashboard:Polling:MaxConcurrency must be between 1 and 1024.");
        }

        failures.AddRange(options.Push.Problems());
        if (string.IsNullOrWhiteSpace(options.Storage.DatabasePath))
        {
            failures.Add("Dashboard:Storage:DatabasePath is not set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
