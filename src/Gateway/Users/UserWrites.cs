using OrleansProxy.Gateway.Admin;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// The admin API's changes to users: create, patch, delete, disable, enable, rotate. Each is audited by user id; a
/// token appears only in the answer to create and rotate, and is kept nowhere but as its hash in the user grain.
/// </summary>
public static class UserWrites
{
    /// <summary><c>POST /admin/api/users</c>: a new user and its token → 201 <c>{"id","token","user"}</c>.</summary>
    public static async Task<IResult> CreateAsync(HttpContext http, IGrainFactory grains, AdminAudit audit, TimeProvider time)
    {
        var (body, error) = await UserBody.ReadAsync(http);
        if (body is null)
        {
            return error!;
        }

        using (body)
        {
            var (spec, problems) = UserSpecReader.Read(body.RootElement, null, time.GetUtcNow());
            if (spec is null)
            {
                return AdminErrors.Invalid(problems);
            }

            var id = UserTokens.NewUserId();
            var token = UserTokens.Generate();
            var view = await grains.GetGrain<IUserGrain>(id).CreateAsync(spec, UserTokens.Hash(token));
            audit.RecordUser(http, AdminAction.CreateUser, id);
            return UserJsonResult.WithToken(view, token, StatusCodes.Status201Created, $"{AdminApiEndpoints.BasePath}/users/{id}");
        }
    }

    /// <summary><c>PATCH /admin/api/users/{id}</c>: a JSON merge patch on the user's settings (absent keeps, null clears).</summary>
    public static async Task<IResult> UpdateAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit, TimeProvider time)
    {
        if (await UserLookup.FindAsync(grains, id) is not { } current)
        {
            return AdminErrors.UserNotFound(id);
        }

        var (body, error) = await UserBody.ReadAsync(http);
        if (body is null)
        {
            return error!;
        }

        using (body)
        {
            var (spec, problems) = UserSpecReader.Read(body.RootElement, current.Spec, time.GetUtcNow());
            if (spec is null)
            {
                return AdminErrors.Invalid(problems);
            }

            if (await grains.GetGrain<IUserGrain>(id).UpdateAsync(spec) is not { } view)
            {
                return AdminErrors.UserNotFound(id);
            }

            audit.RecordUser(http, AdminAction.UpdateUser, id);
            return UserJsonResult.Of(view);
        }
    }

    /// <summary><c>DELETE /admin/api/users/{id}</c>: the user, its token and its usage are gone → 204.</summary>
    public static async Task<IResult> DeleteAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit)
    {
        if (UserLookup.Grain(grains, id) is not { } grain || !await grain.DeleteAsync())
        {
            return AdminErrors.UserNotFound(id);
        }

        audit.RecordUser(http, AdminAction.DeleteUser, id);
        return Results.NoContent();
    }

    /// <summary><c>POST /admin/api/users/{id}/disable</c> with an optional <c>{"reason":"…"}</c>.</summary>
    public static async Task<IResult> DisableAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit)
    {
        if (UserLookup.Grain(grains, id) is not { } grain)
        {
            return AdminErrors.UserNotFound(id);
        }

        var (reason, problem) = await DisableReason.ReadAsync(http);
        if (problem is not null)
        {
            return AdminErrors.Invalid(problem);
        }

        return await SetDisabledAsync(grain, id, true, reason ?? "disabled by an operator", http, audit);
    }

    /// <summary><c>POST /admin/api/users/{id}/enable</c>.</summary>
    public static Task<IResult> EnableAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit) =>
        UserLookup.Grain(grains, id) is { } grain
            ? SetDisabledAsync(grain, id, false, null, http, audit)
            : Task.FromResult(AdminErrors.UserNotFound(id));

    /// <summary><c>POST /admin/api/users/{id}/rotate</c>: a new token; the old one stops working at once → <c>{"id","token","user"}</c>.</summary>
    public static async Task<IResult> RotateAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit)
    {
        var token = UserTokens.Generate();
        if (UserLookup.Grain(grains, id) is not { } grain || await grain.RotateAsync(UserTokens.Hash(token)) is not { } view)
        {
            return AdminErrors.UserNotFound(id);
        }

        audit.RecordUser(http, AdminAction.RotateUser, id);
        return UserJsonResult.WithToken(view, token);
    }

    private static async Task<IResult> SetDisabledAsync(IUserGrain grain, string id, bool disabled, string? reason, HttpContext http, AdminAudit audit)
    {
        if (await grain.SetDisabledAsync(disabled, reason) is not { } view)
        {
            return AdminErrors.UserNotFound(id);
        }

        audit.RecordUser(http, disabled ? AdminAction.DisableUser : AdminAction.EnableUser, id);
        return UserJsonResult.Of(view);
    }
}
