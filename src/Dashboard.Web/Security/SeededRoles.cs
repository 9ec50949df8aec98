using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Security;

/// <summary>
/// The three roles as Identity rows, created by the migration so a fresh database already has them.
/// Ids and stamps are fixed because seed data must be the same in every model build.
/// </summary>
internal static class SeededRoles
{
    public static IReadOnlyList<IdentityRole> All { get; } =
    [
        Role("0b6f1c5e-3c1e-4d0e-9a51-7f4e2a9d1c01", DashboardRoles.Viewer),
        Role("0b6f1c5e-3c1e-4d0e-9a51-7f4e2a9d1c02", DashboardRoles.Operator),
        Role("0b6f1c5e-3c1e-4d0e-9a51-7f4e2a9d1c03", DashboardRoles.Admin),
    ];

    private static IdentityRole Role(string id, string name) =>
        new(name) { Id = id, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = id };
}
