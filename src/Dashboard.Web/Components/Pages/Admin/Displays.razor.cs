using System.Data.Common;
using System.Security.Claims;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Admin;

/// <summary>An Admin issues wall display tokens (the sign-in address shown once), lists them and revokes them.</summary>
public sealed partial class Displays
{
    private static readonly int[] LifetimeChoices = [1, 7, 30, 90, 365];
    private IReadOnlyList<DisplayTokenSummary>? _tokens;
    private IssuedDisplayToken? _issued;
    private ClaimsPrincipal _user = new();
    private string? _newName;
    private int _lifetimeDays = 90;
    private int? _confirming;
    private bool _busy = true;
    private (Severity Severity, string Text)? _message;

    [Inject] private DisplayTokens Tokens { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private DateTimeOffset Now => Time.GetUtcNow();

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

    private string SignInUrl(IssuedDisplayToken issued) => Navigation.BaseUri + issued.SignInPath;

    private string StatusOf(DisplayTokenSummary token) =>
        token.RevokedAt is { } revoked ? $"Revoked {TimeText.Local(revoked)} by {token.RevokedBy}"
        : token.ExpiresAt <= Now ? "Expired"
        : "Active";

    private Task IssueAsync() => ActAsync(async () =>
    {
        _issued = await Tokens.IssueAsync(_newName ?? "", TimeSpan.FromDays(_lifetimeDays), _user, CancellationToken.None);
        _newName = null;
        return null;
    });

    private Task RevokeAsync(DisplayTokenSummary token) => ActAsync(async () =>
    {
        await Tokens.RevokeAsync(token.Id, _user, CancellationToken.None);
        _confirming = null;
        if (_issued?.Id == token.Id)
        {
            _issued = null;
        }

        return $"The token of {token.Name} is revoked; the display is signed out at its next check.";
    });

    private async Task ActAsync(Func<Task<string?>> change)
    {
        _busy = true;
        try
        {
            _message = await change() is { } done ? (Severity.Success, done) : null;
        }
        catch (DisplayTokenException e)
        {
            _message = (Severity.Error, e.Message);
        }
        catch (ActionDeniedException)
        {
            _message = (Severity.Error, "Your role does not allow managing wall displays.");
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
            _tokens = await Tokens.ListAsync(_user, CancellationToken.None);
        }
        catch (ActionDeniedException)
        {
            _tokens = [];
            _message = (Severity.Error, "Your role does not allow managing wall displays.");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            _tokens = [];
            _message = (Severity.Error, "The display tokens could not be read from the database.");
        }
    }
}
