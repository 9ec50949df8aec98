namespace Dashboard.Web.Security;

/// <summary>The user may not do what was asked; nothing was changed and the attempt was audited.</summary>
public sealed class ActionDeniedException(string user, string action, string target)
    : UnauthorizedAccessException($"{user} may not {action} on {target}.")
{
    public string User { get; } = user;

    public string Action { get; } = action;

    public string Target { get; } = target;
}
