using System.Security.Cryptography;

namespace Dashboard.Integration.Tests.Web;

/// <summary>Fresh user names and passwords that pass the dashboard's password rules.</summary>
public static class TestPasswords
{
    public static string New() => "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    /// <summary>e.g. <c>operator-3fa9c1d2</c>.</summary>
    public static string UserName(string role) => $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..(role.Length + 9)];
}
