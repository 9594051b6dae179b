using Orleans.Dashboard;

namespace OrleansProxy.Gateway.Admin;

/// <summary>The ops dashboard page at <c>/admin</c> and the Orleans Dashboard at <c>/admin/orleans</c>.</summary>
public static class AdminDashboardEndpoints
{
    /// <summary>Where the Orleans Dashboard is mapped.</summary>
    public const string OrleansDashboardPath = "/admin/orleans";

    /// <summary>
    /// Maps the ops page (static, carries no data: it asks for the admin key and reads the admin API) and the Orleans
    /// Dashboard, which requires the admin key or the session cookie the ops page sets once the key is entered.
    /// </summary>
    public static IEndpointRouteBuilder MapAdminDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin", DashboardPage.Serve)
            .WithName("AdminDashboard").WithSummary("The ops dashboard (asks for the admin key)");
        endpoints.MapOrleansDashboard(routePrefix: OrleansDashboardPath).RequireAdminKey(allowSessionCookie: true);
        return endpoints;
    }
}
