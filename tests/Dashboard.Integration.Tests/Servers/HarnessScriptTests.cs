using Dashboard.Testing;

namespace Dashboard.Integration.Tests.Servers;

/// <summary>The server script itself: a missing server is one clear line, a stopped server comes back with its data.</summary>
public sealed class HarnessScriptTests
{
    [Fact]
    public async Task Start_ProsodyNotOnPath_FailsWithHowToInstall()
    {
        // A PATH with the few tools the script needs before it looks for the server, and no server.
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-noprosody-" + Guid.NewGuid().ToString("N"));
        var bin = Path.Combine(directory, "bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in new[] { "mkdir", "seq", "sed", "id", "cat" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), Path.Combine("/usr/bin", tool));
        }

        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => ScriptRunner.RunAsync(
            "xmpp-server.sh", ["start", "prosody", "--dir", Path.Combine(directory, "server")],
            new Dictionary<string, string> { ["PATH"] = bin },
            TestContext.Current.CancellationToken));

        Assert.Equal(1, error.ExitCode);
        Assert.Contains("prosody is not installed", error.Stderr, StringComparison.Ordinal);
        Assert.Contains("install prosody", error.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopThenStart_AccountCreatedBefore_StillLogsIn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var prosody = new ProsodyFixture();
        await prosody.InitializeAsync();
        await prosody.CreateAccountAsync("keeper", "kept-password", ct);

        await prosody.StopAsync(ct);
        await prosody.StartAsync(ct);

        var accounts = Path.Combine(prosody.Directory, "data", "xmpp%2etest", "accounts", "keeper.dat");
        Assert.True(File.Exists(accounts), "the account file survives a restart");
        using var session = new RawBoshSession(prosody.BoshUri, prosody.Domain);
        Assert.NotEmpty(await session.MechanismsAsync(ct));
    }
}
