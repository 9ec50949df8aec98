using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Data.Entities;

/// <summary>A person who signs in to the dashboard; their role (Viewer, Operator, Admin) decides what they may do.</summary>
public sealed class DashboardUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
