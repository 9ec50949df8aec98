using System.Security.Claims;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Tests.Devices;
using Dashboard.Xmpp;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Bunit.Rendering;
using MudBlazor;

namespace Dashboard.Web.Tests.Components.Devices;

/// <summary>
/// Component tests for the device pages: the real device services over a SQLite file, the app's real
/// authorisation policies, a signed-in user of a chosen role, and MudBlazor's dialog and popover hosts.
/// </summary>
public abstract class DevicePageTest : DashboardComponentTest, IAsyncLifetime
{
    private readonly string _database;
    private ClaimsPrincipal _user = TestUsers.Signed("viewer-vic", Dashboard.Web.Security.DashboardRoles.Viewer);

    protected DevicePageTest()
    {
        _database = DeviceServices.CreateDatabase();
        Services.RemoveAll<IAuthorizationService>();
        Services.RemoveAll<IAuthorizationPolicyProvider>();
        Services.RemoveAll<AuthenticationStateProvider>();
        Services.AddDeviceServices(_database, Time, DashboardOptions);
        Services.AddSingleton<AuthenticationStateProvider>(_ => new FixedAuthenticationState(_user));
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<ISetpointWriter>(Writer);
    }

    /// <summary>Stands in for the device: the test decides when and how each write ends.</summary>
    protected ScriptedSetpointWriter Writer { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs in a user with <paramref name="role"/> for the components rendered after this call.</summary>
    protected void SignIn(string name, string role) => _user = TestUsers.Signed(name, role);

    protected Task<DashboardDbContext> DbAsync() => Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);

    /// <summary>Everything rendered by the last <see cref="RenderPage{T}"/>, dialogs included.</summary>
    protected IRenderedComponent<ContainerFragment> Host { get; private set; } = null!;

    /// <summary>Renders <typeparamref name="T"/> beside MudBlazor's popover and dialog hosts, as the layout does.</summary>
    protected IRenderedComponent<T> RenderPage<T>(params (string Name, object? Value)[] parameters) where T : IComponent
    {
        Host = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<T>(2);
            foreach (var (name, value) in parameters)
            {
                b.AddComponentParameter(3, name, value);
            }

            b.CloseComponent();
        });
        return Host.FindComponent<T>();
    }

    /// <summary>A device in the registry (and stored, as the hub would have it) with the given state.</summary>
    protected DeviceState AddDevice(string jid, string name, string? site = null, string? area = null, bool online = false,
        IEnumerable<PointState>? points = null, DateTimeOffset? failedAt = null)
    {
        var address = Jid.Parse(jid);
        Registry.AddOrUpdate(address, name, site, area);
        using (var db = Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext())
        {
            db.Devices.Add(new Device { Jid = address.Bare.ToString(), Name = name, Site = site, Area = area, AddedAt = Time.GetUtcNow() });
            db.SaveChanges();
        }

        var now = Time.GetUtcNow();
        return Registry.Update(address, d => d with
        {
            Availability = online ? PresenceAvailability.Available : PresenceAvailability.Unavailable,
            Resource = online ? "smartserver" : null,
            PresenceSince = now,
            LastPolledAt = points is null ? null : now,
            LastError = failedAt is null ? null : "SOAP fault: no such point",
            LastErrorAt = failedAt,
            Points = (points ?? []).Aggregate(d.Points, (all, p) => all.SetItem(p.Name, p)),
        }, LiveChangeKind.Points)!;
    }

    protected PointState Point(string name, string? value, string? unit = null, string? definition = null, string status = "AL_NUL",
        int priority = 255, DateTimeOffset? receivedAt = null) =>
        new(name, value, unit, definition, status, priority, receivedAt ?? Time.GetUtcNow(), receivedAt ?? Time.GetUtcNow(), SampleOrigin.Poll);

    public async ValueTask InitializeAsync() => await Services.GetRequiredService<StoreWriter>().StartAsync(Ct);

    public new async ValueTask DisposeAsync()
    {
        await Services.GetRequiredService<StoreWriter>().StopAsync(CancellationToken.None);
        await base.DisposeAsync();
        DeviceServices.DeleteDatabase(_database);
        GC.SuppressFinalize(this);
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
