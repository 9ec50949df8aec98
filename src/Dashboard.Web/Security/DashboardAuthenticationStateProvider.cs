using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// An open page's sign-in is checked again every <see cref="SecurityOptions.RevalidationInterval"/>: a
/// locked or changed user, or a revoked or expired display token, ends the page's session (the page
/// then sends the browser to sign in again).
/// </summary>
internal sealed class DashboardAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<SecurityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionValidator>()
            .IsStillValidAsync(authenticationState.User, cancellationToken).ConfigureAwait(false);
    }
}
