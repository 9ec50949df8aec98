using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Xmpp;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

/// <summary>Raises and clears alarms the way the hub does, through the real <see cref="AlarmTracker"/>.</summary>
public sealed class AlarmScenario(IServiceProvider services, TimeProvider time)
{
    public const string Temperature = "Net/LON/iLON App/VirtFb/temp_thermostat";
    public const string Humidity = "Net/LON/iLON App/VirtFb/humidity";

    private AlarmTracker Tracker => services.GetRequiredService<AlarmTracker>();

    public DeviceState Device(string jid, string name) => DeviceState.Create(Jid.Parse(jid), name);

    public Task RaiseAsync(DeviceState device, string point, string condition) =>
        Tracker.EvaluateAsync(device, [Reading(point, condition)], TestContext.Current.CancellationToken);

    public Task ClearAsync(DeviceState device, string point) =>
        Tracker.EvaluateAsync(device, [Reading(point, "AL_NUL")], TestContext.Current.CancellationToken);

    private PointState Reading(string point, string status) =>
        new(point, "27.5", "°C", null, status, 255, time.GetUtcNow(), time.GetUtcNow(), SampleOrigin.Poll);
}
