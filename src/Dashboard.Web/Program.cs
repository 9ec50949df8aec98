using Dashboard.Web;
using Dashboard.Web.Security;

if (UsersCommand.IsInvoked(args))
{
    return await UsersCommand.RunAsync(args, Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
app.UseDashboard();
app.Run();
return 0;
