using Dashboard.Web.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Settings;

public sealed class DataProtectionTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    [Fact]
    public void Protect_ThenNewServiceProvider_UnprotectsWithKeysFromTheDataFolder()
    {
        string protectedText;
        using (var first = Build())
        {
            protectedText = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("secret");
        }

        Assert.NotEmpty(Directory.GetFiles(_data.Folder.Keys, "key-*.xml"));
        using var second = Build();
        Assert.Equal("secret", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    [Fact]
    public void AddDashboardSettings_KeysFolder_IsPrivateToTheServiceAccount()
    {
        using var services = Build();

        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
        }
        else
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_data.Folder.Keys));
        }
    }

    public void Dispose() => _data.Dispose();

    private ServiceProvider Build() => new ServiceCollection().AddLogging().AddDashboardSettings(_data.Folder).BuildServiceProvider();
}
