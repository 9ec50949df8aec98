using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Security;

/// <summary>
/// Length over composition (NIST SP 800-63B): at least 12 characters with some variety; no forced digits
/// or symbols, which lead to predictable passwords.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    public static void Apply(PasswordOptions options)
    {
        options.RequiredLength = MinimumLength;
        options.RequiredUniqueChars = 5;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
    }
}
