using Dashboard.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
app.UseDashboard();
app.Run();
