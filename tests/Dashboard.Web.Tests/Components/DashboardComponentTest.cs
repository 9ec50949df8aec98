using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, as the app's components expect.</summary>
public abstract class DashboardComponentTest : BunitContext
{
    protected DashboardComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
