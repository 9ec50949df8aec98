using System.Diagnostics;

namespace Dashboard.Simulator;

/// <summary>A server started by scripts/xmpp-server.sh, read from its server.env.</summary>
internal sealed record ServerInfo(string Domain, int C2sPort, Uri BoshUrl)
{
    /// <summary>Reads DIR/server.env; a missing or incomplete file says which server to start.</summary>
    public static ServerInfo Read(string directory)
    {
        var file = Path.Combine(directory, "server.env");
        if (!File.Exists(file))
        {
            throw new ServerInfoException($"{file} does not exist: start a server there first (scripts/xmpp-server.sh start prosody --dir {directory}).");
        }

        var values = File.ReadAllLines(file)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (values.GetValueOrDefault("DOMAIN") is not { Length: > 0 } domain
            || !int.TryParse(values.GetValueOrDefault("C2S_PORT"), System.Globalization.CultureInfo.InvariantCulture, out var c2sPort)
            || !Uri.TryCreate(values.GetValueOrDefault("BOSH_URL"), UriKind.Absolute, out var boshUrl))
        {
            throw new ServerInfoException($"{file} lacks DOMAIN, C2S_PORT or BOSH_URL: start the server again with scripts/xmpp-server.sh.");
        }

        return new ServerInfo(domain, c2sPort, boshUrl);
    }

    /// <summary>Creates (or resets the passwords of) the fleet's accounts with the server script.</summary>
    public static async Task RegisterAsync(string directory, IEnumerable<(string User, string Password)> accounts)
    {
        var script = Path.Combine(FindRepository(), "scripts", "xmpp-server.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("register-many");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        foreach (var (user, password) in accounts)
        {
            await process.StandardInput.WriteLineAsync($"{user} {password}");
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Creating the fleet's accounts failed ({script} exited with {process.ExitCode}).");
        }
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "xmpp-server.sh")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("scripts/xmpp-server.sh not found above " + AppContext.BaseDirectory);
    }
}
