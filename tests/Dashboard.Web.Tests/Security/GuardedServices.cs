using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Security;

/// <summary>The app's real authorisation policies and guard, for services built by hand in tests.</summary>
public static class GuardedServices
{
    public static IAuthorizationService Authorization { get; } = new ServiceCollection()
        .AddLogging()
        .AddAuthorization(DashboardPolicies.Configure)
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    /// <summary>A guard whose audit rows go to <paramref name="store"/>, a writer on the real clock (start it to store).</summary>
    public static ActionGuard Guard(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, out StoreWriter store)
    {
        store = new StoreWriter(contexts, NullLogger<StoreWriter>.Instance, TimeProvider.System);
        return new ActionGuard(Authorization, store, time, NullLogger<ActionGuard>.Instance);
    }
}
