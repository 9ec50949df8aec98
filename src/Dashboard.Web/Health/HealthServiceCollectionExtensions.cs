namespace Dashboard.Web.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>The health report behind the banner on every page.</summary>
    public static IServiceCollection AddDashboardHealth(this IServiceCollection services) => services.AddSingleton<DashboardHealth>();
}
