using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// ASP.NET Core Identity on the dashboard's database: users and roles, password rules, lockout, the
/// session cookie (tied to a server-side session) and its re-validation, and the rule that everything needs a signed-in user unless it
/// says otherwise (sign-in pages, static files, /healthz).
/// </summary>
public static class IdentitySetup
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string CookieName = "dashboard.session";

    public static IServiceCollection AddDashboardIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();

        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.AddIdentityCore<DashboardUser>(o =>
            {
                PasswordRules.Apply(o.Password);
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = security.Value.MaxFailedSignIns;
            o.Lockout.DefaultLockoutTimeSpan = security.Value.LockoutDuration;
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.ValidationInterval = security.Value.RevalidationInterval;
            o.OnRefreshingPrincipal = SessionCookie.KeepSessionOnRefreshAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((o, security) => ConfigureCookie(o, security.Value));

        services.AddAuthorization(o =>
        {
            DashboardPolicies.Configure(o);
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<AuditedAuthorizationResults>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => sp.GetRequiredService<AuditedAuthorizationResults>());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, DashboardAuthenticationStateProvider>();
        services.AddScoped<SessionValidator>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<UserSessions>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<DisplayTokens>();
        services.AddSignInRateLimit();
        return services;
    }

    /// <summary>
    /// HSTS and the redirect to HTTPS (when the dashboard listens on HTTPS), security headers, authentication,
    /// request size limits, the wall displays' confinement, authorisation, sign-in rate limits and antiforgery.
    /// </summary>
    public static IApplicationBuilder UseDashboardSecurity(this IApplicationBuilder app)
    {
        if (ServesHttps(app.ApplicationServices.GetRequiredService<IConfiguration>()))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseRequestLimits();
        app.UseDisplayScope();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>True when an HTTPS address is configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, Kestrel endpoints or an HTTPS port).</summary>
    public static bool ServesHttps(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrEmpty(configuration["https_port"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => (e["Url"] ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The endpoints that sign in without a page of their own (wall displays by token).</summary>
    public static IEndpointRouteBuilder MapDashboardAccounts(this IEndpointRouteBuilder app) => app.MapDisplaySignIn();

    private static void ConfigureCookie(CookieAuthenticationOptions o, SecurityOptions security)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = SignInPath;
        o.LogoutPath = SignOutPath;
        o.AccessDeniedPath = AccessDeniedPath;
        o.ExpireTimeSpan = security.SessionLifetime;
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = ValidatePrincipalAsync;
        o.Events.OnSigningIn = SessionCookie.OnSigningInAsync;
        o.Events.OnSigningOut = SessionCookie.OnSigningOutAsync;
        // Scripts and SignalR clients get a status code, not a redirect to an HTML page.
        o.Events.OnRedirectToLogin = context => RedirectOrStatusAsync(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => RedirectOrStatusAsync(context, StatusCodes.Status403Forbidden);
    }

    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (!await SessionCookie.ValidateAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (context.Principal?.FindFirst(DashboardClaims.DisplayToken) is { } token)
        {
            var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
            if (!await validator.IsDisplayActiveAsync(token.Value, context.HttpContext.RequestAborted).ConfigureAwait(false))
            {
                await SessionCookie.RejectAsync(context).ConfigureAwait(false);
            }

            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context).ConfigureAwait(false);
    }

    private static Task RedirectOrStatusAsync(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsMachineClient(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static bool IsMachineClient(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);
}
