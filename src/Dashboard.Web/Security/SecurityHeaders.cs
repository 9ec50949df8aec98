using System.Security.Cryptography;

namespace Dashboard.Web.Security;

/// <summary>
/// Headers on every response: a Content Security Policy that lets in what Blazor Server and MudBlazor need
/// and no more (scripts only from this site plus the one inline import map, by a per-request nonce; inline
/// styles, which MudBlazor's theme and components use; the circuit's WebSocket to this site), no framing,
/// no MIME sniffing, no referrer, no powerful browser features.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "dashboard.csp-nonce";

    /// <summary>The nonce the page's inline import map carries; the same value is in this response's policy.</summary>
    public static string NonceOf(HttpContext context) =>
        context.Items.TryGetValue(NonceKey, out var nonce) && nonce is string value ? value : "";

    public static string PolicyFor(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        // Set when the response starts, so they replace what an endpoint set (Blazor adds its own frame-ancestors).
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context).ConfigureAwait(false);
    });
}
