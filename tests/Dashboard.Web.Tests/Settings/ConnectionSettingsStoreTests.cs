using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Web.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Settings;

public sealed class ConnectionSettingsStoreTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly TempDataFolder _data = new();

    private static ConnectionSettings Sample => new()
    {
        BoshUrl = "https://xmpp.example.com/http-bind",
        Jid = "dashboard@example.com",
        Password = Password,
        Resource = "control-room",
        WaitSeconds = 45,
        Hold = 2,
        PollInterval = TimeSpan.FromSeconds(7.5),
        AllowPlainOverHttp = true,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_ThenLoadAfterRestart_ReturnsEveryFieldAndThePassword()
    {
        using (var before = Services())
        {
            await Store(before).SaveAsync(Sample, "admin-ada", Ct);
        }

        using var after = Services();
        var loaded = Store(after).Load();

        Assert.Equal(Sample, loaded);
    }

    [Fact]
    public async Task SaveAsync_Password_NotInTheFileInClearNorAsBase64()
    {
        using var services = Services();
        await Store(services).SaveAsync(Sample, "admin-ada", Ct);

        var text = await File.ReadAllTextAsync(_data.Folder.ConnectionSettingsFile, Ct);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), text, StringComparison.Ordinal);
        Assert.Contains("\"passwordSet\": true", text, StringComparison.Ordinal);
        Assert.Contains("\"boshUrl\": \"https://xmpp.example.com/http-bind\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_File_IsReadableByTheServiceAccountOnly()
    {
        using var services = Services();
        await Store(services).SaveAsync(Sample, "admin-ada", Ct);

        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
        }
        else
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_data.Folder.ConnectionSettingsFile));
        }
    }

    [Fact]
    public void Load_NoFile_ReturnsNull()
    {
        using var services = Services();

        Assert.Null(Store(services).Load());
    }

    [Fact]
    public async Task Load_ProtectedPartAltered_ThrowsSayingItCannotBeDecrypted()
    {
        using var services = Services();
        await Store(services).SaveAsync(Sample, "admin-ada", Ct);
        await EditAsync(json =>
        {
            var payload = Convert.FromBase64String((string)json["protected"]!);
            payload[^5] ^= 0x40;
            json["protected"] = Convert.ToBase64String(payload);
        });

        var error = Assert.Throws<ConnectionSettingsFileException>(() => Store(services).Load());

        Assert.Contains("cannot be decrypted", error.Message, StringComparison.Ordinal);
        Assert.Contains(_data.Folder.ConnectionSettingsFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_UrlEditedByHand_ThrowsSayingTheFileWasChangedOutsideTheDashboard()
    {
        using var services = Services();
        await Store(services).SaveAsync(Sample, "admin-ada", Ct);
        await EditAsync(json => json["boshUrl"] = "https://attacker.example.net/http-bind");

        var error = Assert.Throws<ConnectionSettingsFileException>(() => Store(services).Load());

        Assert.Contains("changed outside the dashboard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_SavedWithOtherKeys_ThrowsNamingTheKeysFolder()
    {
        using (var services = Services())
        {
            await Store(services).SaveAsync(Sample, "admin-ada", Ct);
        }

        var elsewhere = new ConnectionSettingsStore(_data.Folder, new EphemeralDataProtectionProvider(), TimeProvider.System);

        var error = Assert.Throws<ConnectionSettingsFileException>(elsewhere.Load);
        Assert.Contains(_data.Folder.Keys, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NotJson_ThrowsSayingSo()
    {
        using var services = Services();
        await File.WriteAllTextAsync(_data.Folder.ConnectionSettingsFile, "{ \"boshUrl\": ", Ct);

        var error = Assert.Throws<ConnectionSettingsFileException>(() => Store(services).Load());

        Assert.Contains("not valid settings JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NoProtectedPart_ThrowsSayingTheDashboardDidNotWriteIt()
    {
        using var services = Services();
        await File.WriteAllTextAsync(_data.Folder.ConnectionSettingsFile,
            "{ \"format\": 1, \"boshUrl\": \"https://xmpp.example.com/http-bind\", \"jid\": \"a@example.com\" }", Ct);

        var error = Assert.Throws<ConnectionSettingsFileException>(() => Store(services).Load());

        Assert.Contains("no protected part", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithPassword_SaysOnlyThatOneIsSet()
    {
        var text = Sample.ToString();

        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.Contains("Password = (set)", text, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();

    private ServiceProvider Services() => new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
        .AddDashboardSettings(_data.Folder).BuildServiceProvider();

    private static ConnectionSettingsStore Store(ServiceProvider services) => services.GetRequiredService<ConnectionSettingsStore>();

    private async Task EditAsync(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(_data.Folder.ConnectionSettingsFile, Ct))!.AsObject();
        edit(json);
        await File.WriteAllTextAsync(_data.Folder.ConnectionSettingsFile, json.ToJsonString(), Ct);
    }
}
