using Dashboard.Web.Alarms;
using Dashboard.Web.Logs;

namespace Dashboard.Web;

/// <summary>Wires the alarms, logs and wall display pages' services.</summary>
public static class AlarmsAndLogsExtensions
{
    public static IServiceCollection AddAlarmsAndLogs(this IServiceCollection services)
    {
        services.AddSingleton<OpenAlarms>();
        services.AddSingleton<AlarmHistory>();
        services.AddSingleton<LogQueries>();
        services.AddSingleton<LogExport>();
        services.AddSingleton<AuditAudience>();
        services.AddHostedService<StoredLogRows>();
        return services;
    }

    public static IEndpointRouteBuilder MapAlarmsAndLogs(this IEndpointRouteBuilder app) => app.MapLogExport();
}
