namespace Dashboard.Web.Security;

/// <summary>A display token could not be issued or revoked as asked (bad name or lifetime, no such token); nothing was changed.</summary>
public sealed class DisplayTokenException(string message) : Exception(message);
