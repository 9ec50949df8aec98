using System.Security.Claims;

namespace Dashboard.Testing;

/// <summary>Signed-in users as the services that act see them: a name and roles, authenticated by a test scheme.</summary>
public static class TestUsers
{
    public static ClaimsPrincipal Signed(string name, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), .. roles.Select(role => new Claim(ClaimTypes.Role, role))],
            authenticationType: "test"));

    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());
}
