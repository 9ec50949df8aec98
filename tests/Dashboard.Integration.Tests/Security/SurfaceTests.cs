using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Integration.Tests.Web;
using Dashboard.Web.Security;
using Microsoft.Data.Sqlite;

namespace Dashboard.Integration.Tests.Security;

/// <summary>The built app as a process: response headers, sign-in rate limit, request size limit, passwords kept out of logs and the database.</summary>
public sealed partial class SurfaceTests : IAsyncLifetime
{
    private DashboardProcess _dashboard = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>
        {
            ["Dashboard__Security__SignInAttemptsPerMinute"] = "4",
            ["Logging__LogLevel__Default"] = "Debug",
        }, Ct);

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.AddAttachment("dashboard.log", _dashboard.Output);
        }

        await _dashboard.DisposeAsync();
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/healthz")]
    [InlineData("/css/dashboard.css")]
    [InlineData("/")]
    public async Task Response_CarriesTheSecurityHeaders(string path)
    {
        using var visitor = DashboardSession.Anonymous(_dashboard.BaseAddress);

        using var response = await visitor.Http.GetAsync(new Uri(path, UriKind.Relative), Ct);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[0-9a-f]{32}'", policy);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task SignInPage_InlineImportMapCarriesTheResponsesNonce()
    {
        using var visitor = DashboardSession.Anonymous(_dashboard.BaseAddress);

        using var response = await visitor.Http.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NonceInPolicy().Match(policy).Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.Empty(InlineScriptWithoutNonce().Matches(html));
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimit_AreRefusedWith429AndAudited()
    {
        using var visitor = DashboardSession.Anonymous(_dashboard.BaseAddress);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await visitor.SubmitSignInAsync("someone", $"guess-number-{i}", Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await WaitForAuditAsync("account.sign-in", "rate limited%", 2);
        Assert.Equal(2, await CountAuditAsync("account.sign-in", "rate limited%"));
    }

    [Fact]
    public async Task SignIn_OversizeFormPost_IsRefusedWith413AuditedAndSignsNobodyIn()
    {
        var password = await _dashboard.CreateUserAsync("viewer-big", DashboardRoles.Viewer, Ct);
        using var visitor = DashboardSession.Anonymous(_dashboard.BaseAddress);

        using var response = await visitor.PostFormAsync("/account/sign-in", "sign-in",
            [new("Input.UserName", "viewer-big"), new("Input.Password", password), new("padding", new string('x', 64 * 1024))], Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than this page accepts", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(visitor.Cookies.GetCookies(_dashboard.BaseAddress), c => c.Name == IdentitySetup.CookieName);
        await WaitForAuditAsync("request.too-large", "%limit 16384", 1);
        Assert.Equal(0, await CountAuditAsync("account.sign-in", "%"));
    }

    [Fact]
    public async Task Passwords_AreNeitherLoggedNorStoredInTheClear()
    {
        var password = await _dashboard.CreateUserAsync("operator-pat", DashboardRoles.Operator, Ct);
        const string WrongPassword = "wrong-but-secret-4711";
        using (var visitor = DashboardSession.Anonymous(_dashboard.BaseAddress))
        {
            (await visitor.SubmitSignInAsync("operator-pat", WrongPassword, Ct)).Dispose();
        }

        using var session = await DashboardSession.SignInAsync(_dashboard.BaseAddress, "operator-pat", password, Ct);
        await WaitForAuditAsync("account.sign-in", "%", 2);

        Assert.Contains("Sign-in as operator-pat refused", _dashboard.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, _dashboard.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, _dashboard.Output, StringComparison.Ordinal);
        var dump = await DumpDatabaseAsync();
        Assert.Contains("operator-pat", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(password, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, dump, StringComparison.Ordinal);
    }

    /// <summary>Every value of every table, as text: what a database dump would show.</summary>
    private async Task<string> DumpDatabaseAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_dashboard.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }

    private async Task<long> CountAuditAsync(string action, string detailsLike)
    {
        await using var connection = new SqliteConnection($"Data Source={_dashboard.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Action = $action AND IFNULL(Details, '') LIKE $details";
        count.Parameters.AddWithValue("$action", action);
        count.Parameters.AddWithValue("$details", detailsLike);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>The store writer batches audit rows; waits until <paramref name="expected"/> are stored.</summary>
    private Task WaitForAuditAsync(string action, string detailsLike, long expected) =>
        Dashboard.Testing.Eventually.WaitUntilAsync(async () => await CountAuditAsync(action, detailsLike) >= expected, TimeSpan.FromSeconds(10),
            $"{expected} audit rows {action} {detailsLike}", Ct);

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)(?![^>]*\\bnonce=)[^>]*>")]
    private static partial Regex InlineScriptWithoutNonce();
}
