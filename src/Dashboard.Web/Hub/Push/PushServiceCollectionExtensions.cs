namespace Dashboard.Web.Hub.Push;

/// <summary>Wires the WebBinder target: the receiver on the hub's session and the per-device queues.</summary>
public static class PushServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardPush(this IServiceCollection services)
    {
        services.AddSingleton<PushCoalescer>();
        services.AddSingleton<PushReceiver>();
        services.AddSingleton<IXmppSessionHandler>(sp => sp.GetRequiredService<PushReceiver>());
        return services;
    }
}
