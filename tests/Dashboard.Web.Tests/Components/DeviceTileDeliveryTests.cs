using Dashboard.Web.Components.Shared;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Xmpp;

namespace Dashboard.Web.Tests.Components;

public sealed class DeviceTileDeliveryTests : DashboardComponentTest
{
    [Fact]
    public void Render_PushedAndPolledPoints_ShowsMixedAndEachPointsDelivery()
    {
        var now = Time.GetUtcNow();
        var device = DeviceState.Create(Jid.Parse("00d071a1b2c3@xmpp.test"), "Boiler room") with
        {
            Availability = PresenceAvailability.Available,
        };
        device = device with
        {
            Points = device.Points
                .SetItem("a/humidity", new PointState("a/humidity", "45.0", "%", null, "AL_NUL", 255, now, now, SampleOrigin.Poll))
                .SetItem("a/temp", new PointState("a/temp", "21.0", "°C", null, "AL_NUL", 255, now, now, SampleOrigin.Push, PointDelivery.Push)),
        };

        var cut = Render<DeviceTile>(p => p.Add(t => t.Device, device).Add(t => t.Quality, PointQuality.Good));

        Assert.Equal("Mixed", cut.Find("[data-testid=delivery-badge]").GetAttribute("data-delivery"));
        Assert.Equal(["Poll", "Push"], cut.FindAll("[data-testid=tile-point]").Select(p => p.GetAttribute("data-delivery")));
    }
}
