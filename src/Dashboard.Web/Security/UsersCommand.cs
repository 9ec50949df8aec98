using System.Globalization;
using System.Security.Claims;
using System.Text;
using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Security;

/// <summary>
/// <c>Dashboard.Web users …</c>: manage sign-in accounts from the server's shell, against the database the
/// dashboard's settings name (so the first Admin exists before anyone opens the site). Passwords come from
/// the <c>DASHBOARD_USER_PASSWORD</c> environment variable or standard input, never from an argument,
/// which would show in process lists and shell history. Changes are audited as the user "console".
/// </summary>
public static class UsersCommand
{
    public const string PasswordVariable = "DASHBOARD_USER_PASSWORD";

    private const string Usage = """
        usage: Dashboard.Web users list
               Dashboard.Web users add NAME --role Viewer|Operator|Admin [--replace]
               Dashboard.Web users set-role NAME Viewer|Operator|Admin
               Dashboard.Web users password NAME
               Dashboard.Web users lock NAME
               Dashboard.Web users unlock NAME
        The password is read from DASHBOARD_USER_PASSWORD, or else from standard input (asked twice on a terminal).
        --replace: when NAME exists, set its role and password instead of failing.
        """;

    /// <summary>The shell's user acts as an Admin: whoever can run this can already read the database.</summary>
    private static readonly ClaimsPrincipal Console = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "console"), new Claim(ClaimTypes.Role, DashboardRoles.Admin)], authenticationType: "console"));

    public static bool IsInvoked(string[] args) => args is ["users", ..];

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args is not ["users", var verb, .. var rest] || !TryParse(verb, rest, out var command))
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.AddDashboard();
        await using var app = builder.Build();
        var ct = CancellationToken.None;
        await new DatabaseMigrator(app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>()).StartAsync(ct).ConfigureAwait(false);
        var store = app.Services.GetRequiredService<StoreWriter>();
        await store.StartAsync(ct).ConfigureAwait(false);
        try
        {
            var accounts = app.Services.GetRequiredService<UserAccounts>();
            await RunAsync(command, accounts, input, output, ct).ConfigureAwait(false);
            return 0;
        }
        catch (UserAccountException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
        finally
        {
            await store.StopAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task RunAsync(Command command, UserAccounts accounts, TextReader input, TextWriter output, CancellationToken ct)
    {
        switch (command.Verb)
        {
            case "list":
                await output.WriteLineAsync("name\trole\tlocked\tfailed sign-ins\tcreated").ConfigureAwait(false);
                foreach (var user in await accounts.ListAsync(Console, ct).ConfigureAwait(false))
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{user.UserName}\t{user.Role ?? "-"}\t{(user.LockedOut ? "yes" : "no")}\t{user.FailedSignIns}\t{user.CreatedAt:yyyy-MM-dd HH:mm}")).ConfigureAwait(false);
                }

                break;
            case "add":
                var password = await ReadPasswordAsync(input, output).ConfigureAwait(false);
                if (command.Replace && (await accounts.ListAsync(Console, ct).ConfigureAwait(false)).Any(u => string.Equals(u.UserName, command.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    await accounts.SetPasswordAsync(command.Name!, password, Console, ct).ConfigureAwait(false);
                    await accounts.SetRoleAsync(command.Name!, command.Role!, Console, ct).ConfigureAwait(false);
                    await output.WriteLineAsync($"Updated {command.Name} ({command.Role}).").ConfigureAwait(false);
                }
                else
                {
                    await accounts.CreateAsync(command.Name!, command.Role!, password, Console, ct).ConfigureAwait(false);
                    await output.WriteLineAsync($"Created {command.Name} ({command.Role}).").ConfigureAwait(false);
                }

                break;
            case "set-role":
                await accounts.SetRoleAsync(command.Name!, command.Role!, Console, ct).ConfigureAwait(false);
                await output.WriteLineAsync($"{command.Name} is now {command.Role}.").ConfigureAwait(false);
                break;
            case "password":
                await accounts.SetPasswordAsync(command.Name!, await ReadPasswordAsync(input, output).ConfigureAwait(false), Console, ct).ConfigureAwait(false);
                await output.WriteLineAsync($"Password of {command.Name} changed.").ConfigureAwait(false);
                break;
            case "lock" or "unlock":
                await accounts.SetLockedAsync(command.Name!, command.Verb == "lock", Console, ct).ConfigureAwait(false);
                await output.WriteLineAsync($"{command.Name} {command.Verb}ed.").ConfigureAwait(false);
                break;
        }
    }

    private static bool TryParse(string verb, string[] rest, out Command command)
    {
        command = verb switch
        {
            "list" when rest.Length == 0 => new Command(verb, null, null, false),
            "add" when rest is [var name, "--role", var role] => new Command(verb, name, role, false),
            "add" when rest is [var name, "--role", var role, "--replace"] => new Command(verb, name, role, true),
            "set-role" when rest is [var name, var role] => new Command(verb, name, role, false),
            "password" or "lock" or "unlock" when rest is [var name] => new Command(verb, name, null, false),
            _ => null!,
        };
        return command is not null;
    }

    private static async Task<string> ReadPasswordAsync(TextReader input, TextWriter output)
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (!System.Console.IsInputRedirected && ReferenceEquals(input, System.Console.In))
        {
            var first = ReadHidden(output, "Password: ");
            if (first != ReadHidden(output, "Again: "))
            {
                throw new UserAccountException("The two passwords differ; nothing was changed.");
            }

            return first;
        }

        return await input.ReadLineAsync().ConfigureAwait(false)
            ?? throw new UserAccountException($"No password: set {PasswordVariable} or write it to standard input.");
    }

    private static string ReadHidden(TextWriter output, string prompt)
    {
        output.Write(prompt);
        var password = new StringBuilder();
        for (var key = System.Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = System.Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        output.WriteLine();
        return password.ToString();
    }

    private sealed record Command(string Verb, string? Name, string? Role, bool Replace);
}
