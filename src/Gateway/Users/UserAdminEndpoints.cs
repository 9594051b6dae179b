namespace OrleansProxy.Gateway.Users;

/// <summary>The user routes of the admin API (under <c>/admin/api</c>, behind <c>ADMIN_KEY</c> like the credential routes).</summary>
public static class UserAdminEndpoints
{
    /// <summary>Maps <c>/users…</c> and <c>/usage</c> on the admin group.</summary>
    public static RouteGroupBuilder MapUserAdminApi(this RouteGroupBuilder api)
    {
        api.MapPost("/users", UserWrites.CreateAsync)
            .WithName("AdminCreateUser").WithSummary("Creates a user and its token (shown only in this answer)");
        api.MapGet("/users", UserReads.ListAsync)
            .WithName("AdminListUsers").WithSummary("A page of users in id order (search, disabled, after, limit), each with its usage and limits");
        api.MapGet("/users/{id}", UserReads.GetAsync)
            .WithName("AdminGetUser").WithSummary("One user: settings, limits, quotas, budgets and usage");
        api.MapPatch("/users/{id}", UserWrites.UpdateAsync)
            .WithName("AdminUpdateUser").WithSummary("Changes a user's settings (JSON merge patch: absent keeps, null clears)");
        api.MapDelete("/users/{id}", UserWrites.DeleteAsync)
            .WithName("AdminDeleteUser").WithSummary("Deletes a user, its token and its usage");
        api.MapPost("/users/{id}/disable", UserWrites.DisableAsync)
            .WithName("AdminDisableUser").WithSummary("Refuses a user's requests, with an optional reason");
        api.MapPost("/users/{id}/enable", UserWrites.EnableAsync)
            .WithName("AdminEnableUser").WithSummary("Admits a disabled user's requests again");
        api.MapPost("/users/{id}/rotate", UserWrites.RotateAsync)
            .WithName("AdminRotateUser").WithSummary("Replaces a user's token (the old one stops at once; the new one is shown only in this answer)");
        api.MapGet("/usage", UsageReports.GetAsync)
            .WithName("AdminUsage").WithSummary("Users' usage per user, family and day (any subset), as JSON or CSV");
        return api;
    }
}
