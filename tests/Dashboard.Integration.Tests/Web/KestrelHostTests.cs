using System.Net;
using Dashboard.Web.Security;

namespace Dashboard.Integration.Tests.Web;

/// <summary>The dashboard on real Kestrel, started the way the README's run command starts it.</summary>
public sealed class KestrelHostTests
{
    [Fact]
    public async Task GetRoot_SignedInWithTheUsersCommand_RendersTheOverviewPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardProcess.StartAsync(cancellationToken: ct);
        using var viewer = await dashboard.SignInAsync(DashboardRoles.Viewer, cancellationToken: ct);

        using var response = await viewer.Http.GetAsync(new Uri("/", UriKind.Relative), ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Overview · SmartServer Dashboard</title>", html, StringComparison.Ordinal);
        Assert.Contains("No SmartServers are connected yet", html, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.web", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoot_NotSignedIn_RedirectsToSignIn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardProcess.StartAsync(cancellationToken: ct);
        using var anonymous = DashboardSession.Anonymous(dashboard.BaseAddress);

        using var response = await anonymous.Http.GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
    }

    [Theory]
    [InlineData("favicon.svg", "image/svg+xml", "<svg")]
    [InlineData("css/dashboard.css", "text/css", "Site-wide styles")]
    public async Task GetStaticFile_FromTopLevelWwwroot_IsServed(string path, string contentType, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardProcess.StartAsync(cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = dashboard.BaseAddress };
        var onDisk = await File.ReadAllTextAsync(
            Path.Combine(dashboard.RepositoryWebRoot, path.Replace('/', Path.DirectorySeparatorChar)), ct);

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains(expected, served, StringComparison.Ordinal);
        Assert.Equal(onDisk, served);
    }

    [Theory]
    [InlineData("_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("_framework/blazor.web.js", "text/javascript")]
    public async Task GetFrameworkAsset_FromTheBuiltApp_IsServed(string path, string contentType)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await DashboardProcess.StartAsync(cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = dashboard.BaseAddress };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }
}
