using Dashboard.Web.Alarms;

namespace Dashboard.Web;

/// <summary>Wires the alarms, logs and wall display pages' services.</summary>
public static class AlarmsAndLogsExtensions
{
    public static IServiceCollection AddAlarmsAndLogs(this IServiceCollection services)
    {
        services.AddSingleton<OpenAlarms>();
        services.AddSingleton<AlarmHistory>();
        return services;
    }
}
