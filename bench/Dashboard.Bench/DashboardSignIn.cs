using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Dashboard.Bench;

/// <summary>
/// The benchmark's own Viewer account: created with the dashboard's <c>users</c> command against the
/// benchmark's database, then signed in through the sign-in form. The cookies serve SignalR and the API.
/// </summary>
internal static partial class DashboardSignIn
{
    public const string UserName = "bench-viewer";

    /// <summary>Creates the account (before the dashboard starts) and returns its fresh password.</summary>
    public static async Task<string> CreateViewerAsync(string dashboardDll, IReadOnlyDictionary<string, string> environment)
    {
        var password = "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dashboardDll)! };
        foreach (var argument in new[] { dashboardDll, "users", "add", UserName, "--role", "Viewer", "--replace" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        await process.StandardInput.WriteLineAsync(password);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? password : throw new InvalidOperationException($"users add exited with {process.ExitCode}");
    }

    /// <summary>Signs in and returns the cookies of the session.</summary>
    public static async Task<CookieContainer> SignInAsync(Uri address, string password)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var page = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        var token = TokenField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = UserName,
            ["Input.Password"] = password,
        });
        using var response = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), form);
        return response.StatusCode == HttpStatusCode.Redirect ? cookies : throw new InvalidOperationException($"Signing in as {UserName} was refused");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
