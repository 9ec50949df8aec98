using System.Data.Common;
using System.Security.Claims;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Admin;

/// <summary>An Admin lists users, creates them, changes their role and locks or unlocks them.</summary>
public sealed partial class Users
{
    private IReadOnlyList<UserSummary>? _users;
    private ClaimsPrincipal _user = new();
    private string? _newName;
    private string _newRole = DashboardRoles.Viewer;
    private string? _newPassword;
    private bool _busy = true;
    private (Severity Severity, string Text)? _message;

    [Inject] private UserAccounts Accounts { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The buttons act only once the page is live over its circuit: until then they stay disabled.</summary>
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _busy = false;
            StateHasChanged();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            _user = (await AuthenticationState).User;
        }

        await LoadAsync();
    }

    private static string LockText(UserSummary user) =>
        user.LockedUntil is { } until && until < DateTimeOffset.MaxValue.AddYears(-1) ? $"Locked until {TimeText.Local(until)}" : "Locked";

    private Task CreateAsync() => ActAsync(async () =>
    {
        var name = (_newName ?? "").Trim();
        await Accounts.CreateAsync(name, _newRole, _newPassword ?? "", _user, CancellationToken.None);
        _newName = null;
        _newPassword = null;
        return $"Created {name} ({_newRole}).";
    });

    private Task SetRoleAsync(UserSummary user, string role) => ActAsync(async () =>
    {
        await Accounts.SetRoleAsync(user.UserName, role, _user, CancellationToken.None);
        return $"{user.UserName} is now {role}; their open sessions end and they sign in again.";
    });

    private Task SetLockedAsync(UserSummary user, bool locked) => ActAsync(async () =>
    {
        await Accounts.SetLockedAsync(user.UserName, locked, _user, CancellationToken.None);
        return locked ? $"{user.UserName} is locked; their open sessions end." : $"{user.UserName} is unlocked.";
    });

    /// <summary>Runs one change, shows its outcome and reloads the list; a refusal changes nothing.</summary>
    private async Task ActAsync(Func<Task<string>> change)
    {
        _busy = true;
        try
        {
            _message = (Severity.Success, await change());
        }
        catch (UserAccountException e)
        {
            _message = (Severity.Error, e.Message);
        }
        catch (ActionDeniedException)
        {
            _message = (Severity.Error, "Your role does not allow managing users.");
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _users = await Accounts.ListAsync(_user, CancellationToken.None);
        }
        catch (ActionDeniedException)
        {
            _users = [];
            _message = (Severity.Error, "Your role does not allow managing users.");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            _users = [];
            _message = (Severity.Error, "The users could not be read from the database.");
        }
    }
}
