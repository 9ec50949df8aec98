namespace Dashboard.Web.Live;

/// <summary>Registers the open /hubs/live connections and their periodic re-check.</summary>
public static class LiveConnectionsSetup
{
    public static IServiceCollection AddLiveConnectionRevalidation(this IServiceCollection services)
    {
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<LiveConnectionRevalidator>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveConnectionRevalidator>());
        return services;
    }
}
