using Dashboard.Web;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = SiteRoot.Locate(Directory.GetCurrentDirectory()),
});
builder.AddDashboard();

var app = builder.Build();
app.UseDashboard();
app.Run();
