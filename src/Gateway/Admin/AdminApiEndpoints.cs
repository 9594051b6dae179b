using OrleansProxy.Gateway.Users;

namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// The admin API under <c>/admin/api</c>, for operators and the ops dashboard. Every route requires
/// <c>ADMIN_KEY</c> (<c>x-admin-key</c> or <c>Authorization: Bearer</c>); without one configured they answer 403.
/// </summary>
public static class AdminApiEndpoints
{
    /// <summary>The API's base path.</summary>
    public const string BasePath = "/admin/api";

    /// <summary>Maps the summary, the credential and user routes and the browser session.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath).RequireAdminKey().WithTags("Admin");
        api.MapGet("/summary", CredentialReads.SummaryAsync)
            .WithName("AdminSummary").WithSummary("Pool counts by status and family, filter choices and warnings");
        api.MapGet("/credentials", CredentialReads.ListAsync)
            .WithName("AdminListCredentials").WithSummary("A filtered page of credentials with each one's full state");
        api.MapGet("/credentials/{id}", CredentialReads.GetAsync)
            .WithName("AdminGetCredential").WithSummary("One credential's full state");
        api.MapPost("/credentials", (HttpContext http, CredentialAdder adder) => adder.AddAsync(http))
            .WithName("AdminAddCredentials").WithSummary("Adds credentials at run time (AWS_CREDENTIALS entry format) and checks them");
        api.MapDelete("/credentials/{id}", CredentialChanges.RetireAsync)
            .WithName("AdminRetireCredential").WithSummary("Retires a credential for good");
        api.MapPost("/credentials/{id}/disable", CredentialChanges.DisableAsync)
            .WithName("AdminDisableCredential").WithSummary("Stops leasing a credential, with an optional reason");
        api.MapPost("/credentials/{id}/enable", CredentialChanges.EnableAsync)
            .WithName("AdminEnableCredential").WithSummary("Leases a disabled credential again");
        api.MapPost("/credentials/{id}/recheck", CredentialChanges.RecheckAsync)
            .WithName("AdminRecheckCredential").WithSummary("Runs a credential's logging and access checks now");
        api.MapUserAdminApi();
        api.MapPost("/session", (HttpContext http, AdminSession session) =>
            {
                session.Append(http);
                return Results.NoContent();
            })
            .WithName("AdminStartSession").WithSummary("Sets the browser cookie that opens the Orleans Dashboard");
        api.MapDelete("/session", (HttpContext http) =>
            {
                AdminSession.Delete(http);
                return Results.NoContent();
            })
            .WithName("AdminEndSession").WithSummary("Clears the browser cookie");
        return endpoints;
    }
}
