using System.Diagnostics;

namespace Dashboard.Testing;

/// <summary>Runs one of the repository's scripts and returns what it printed; a failure throws with its stderr.</summary>
public static class ScriptRunner
{
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default, string? input = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.Script(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new ScriptFailedException(script, process.ExitCode, (await error).Trim());
        }

        return await output;
    }
}

/// <summary>A script ended with a non-zero exit code; <see cref="Exception.Message"/> carries what it said.</summary>
public sealed class ScriptFailedException(string script, int exitCode, string stderr)
    : Exception($"{script} exited with {exitCode}: {stderr}")
{
    public int ExitCode { get; } = exitCode;

    public string Stderr { get; } = stderr;
}
