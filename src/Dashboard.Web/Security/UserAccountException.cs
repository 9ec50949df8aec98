namespace Dashboard.Web.Security;

/// <summary>A user could not be created or changed (name taken, password too weak, last Admin); nothing was changed.</summary>
public sealed class UserAccountException(string message) : Exception(message);
