using System.Net;
using Dashboard.Testing;
using Dashboard.Web.Security;

namespace Dashboard.Integration.Tests.Web;

/// <summary>The CSV export endpoints of the built app on real Kestrel, with users signed in through the real form.</summary>
public sealed class LogExportEndpointTests : IAsyncLifetime
{
    private DashboardProcess _dashboard = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _dashboard = await DashboardProcess.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.AddAttachment("dashboard.log", _dashboard.Output);
        }

        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task Viewer_Export_Is403AndTheRefusalShowsInTheOperatorsAuditExport()
    {
        using var viewer = await _dashboard.SignInAsync(DashboardRoles.Viewer, "viewer-vic", Ct);
        using var refused = await viewer.Http.GetAsync(new Uri("/logs/soap.csv?operation=Read", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Operator", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(refused.Content.Headers.ContentDisposition);

        using var operatorSession = await _dashboard.SignInAsync(DashboardRoles.Operator, "operator-oz", Ct);
        string csv = "";
        await Eventually.WaitUntilAsync(async () =>
        {
            csv = await operatorSession.Http.GetStringAsync(new Uri("/logs/audit.csv?action=logs.export&allowed=false", UriKind.Relative), Ct);
            return csv.Contains("viewer-vic", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10), "the refused export in the audit log", Ct);
        Assert.Contains("viewer-vic,logs.export,soap exchanges,false", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_Export_StreamsAnAttachmentWithAByteOrderMarkAndTheHeader()
    {
        using var operatorSession = await _dashboard.SignInAsync(DashboardRoles.Operator, "operator-oz", Ct);

        using var response = await operatorSession.Http.GetAsync(new Uri("/logs/soap.csv?outcome=Fault", UriKind.Relative), Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("filename=\"soap-exchanges-", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("started_at,device,operation,outcome,duration_ms,correlation_id,error,request,response\r\n",
            System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task Operator_ExportWithAnUnreadableFilter_Is400NamingTheParameter()
    {
        using var operatorSession = await _dashboard.SignInAsync(DashboardRoles.Operator, "operator-oz", Ct);

        using var response = await operatorSession.Http.GetAsync(new Uri("/logs/presence.csv?from=last-tuesday", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'from'", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotSignedIn_Export_GetsNoFile()
    {
        using var anonymous = DashboardSession.Anonymous(_dashboard.BaseAddress);

        using var response = await anonymous.Http.GetAsync(new Uri("/logs/audit.csv", UriKind.Relative), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }
}
