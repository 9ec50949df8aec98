using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Components.Account;

/// <summary>What the sign-in form posts.</summary>
public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your user name.")]
    [StringLength(256)]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(1024)]
    public string Password { get; set; } = "";
}
