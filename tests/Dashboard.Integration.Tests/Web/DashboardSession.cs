using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Integration.Tests.Web;

/// <summary>
/// A user signed in to a running dashboard through its real sign-in form: the cookies the browser would
/// hold, an <see cref="HttpClient"/> that sends them (redirects not followed, so a test sees them), and
/// SignalR connections to /hubs/live that carry them.
/// </summary>
public sealed partial class DashboardSession : IDisposable
{
    private DashboardSession(Uri baseAddress, string userName, CookieContainer cookies, HttpClient http)
    {
        BaseAddress = baseAddress;
        UserName = userName;
        Cookies = cookies;
        Http = http;
    }

    public Uri BaseAddress { get; }

    public string UserName { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Sends the session's cookies; does not follow redirects.</summary>
    public HttpClient Http { get; }

    /// <summary>A visitor who has not signed in (no cookies yet), for requests that must be refused.</summary>
    public static DashboardSession Anonymous(Uri baseAddress) => Create(baseAddress, "anonymous");

    /// <summary>Signs in through /account/sign-in; throws <see cref="SignInRefusedException"/> with the page's message when refused.</summary>
    public static async Task<DashboardSession> SignInAsync(Uri baseAddress, string userName, string password, CancellationToken cancellationToken = default)
    {
        var session = Create(baseAddress, userName);
        try
        {
            using var response = await session.SubmitSignInAsync(userName, password, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/account/", StringComparison.Ordinal) == true)
            {
                var html = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new SignInRefusedException(userName, AlertText(html) ?? $"HTTP {(int)response.StatusCode}");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Posts the sign-in form once (for tests of refusals and lockout); the response is not followed.</summary>
    public Task<HttpResponseMessage> SubmitSignInAsync(string userName, string password, CancellationToken cancellationToken = default) =>
        PostFormAsync("/account/sign-in", "sign-in", [new("Input.UserName", userName), new("Input.Password", password)], cancellationToken);

    /// <summary>
    /// Opens the page at <paramref name="path"/> and posts its statically rendered form named
    /// <paramref name="formName"/> with <paramref name="fields"/> and the page's antiforgery token.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IEnumerable<KeyValuePair<string, string>> fields,
        CancellationToken cancellationToken = default)
    {
        var page = await Http.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var token = AntiforgeryToken(page) ?? throw new InvalidOperationException($"{path} rendered no antiforgery token:\n{page}");
        using var form = new FormUrlEncodedContent([new("_handler", formName), new("__RequestVerificationToken", token), .. fields]);
        return await Http.PostAsync(new Uri(path, UriKind.Relative), form, cancellationToken);
    }

    /// <summary>A connection to /hubs/live with this session's cookies (not started).</summary>
    public HubConnection LiveHub() =>
        new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "/hubs/live"), o => o.Cookies = Cookies).Build();

    /// <summary>The value of the first antiforgery field in <paramref name="html"/>.</summary>
    public static string? AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    public void Dispose() => Http.Dispose();

    private static DashboardSession Create(Uri baseAddress, string userName)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        return new DashboardSession(baseAddress, userName, cookies, http);
    }

    private static string? AlertText(string html) =>
        AlertElement().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("role=\"alert\"[^>]*>([^<]*)<")]
    private static partial Regex AlertElement();
}

/// <summary>The sign-in form refused the user; <see cref="Exception.Message"/> carries what the page said.</summary>
public sealed class SignInRefusedException(string userName, string pageMessage)
    : Exception($"Signing in as {userName} was refused: {pageMessage}")
{
    public string PageMessage { get; } = pageMessage;
}
