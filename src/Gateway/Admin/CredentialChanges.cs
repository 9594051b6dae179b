using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Admin;

/// <summary>The admin API's changes to one credential: retire, disable, enable, recheck. Each is audited.</summary>
public static class CredentialChanges
{
    /// <summary><c>DELETE /admin/api/credentials/{id}</c>: retires the credential for good.</summary>
    public static async Task<IResult> RetireAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit)
    {
        if (await CredentialLookup.FindAsync(grains, id) is not { } snapshot
            || !await grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey).RetireAsync(id))
        {
            return AdminErrors.NotFound(id);
        }

        audit.Record(http, AdminAction.Retire, id, snapshot.Descriptor.MaskedAccessKeyId);
        return Results.NoContent();
    }

    /// <summary><c>POST /admin/api/credentials/{id}/disable</c> with an optional <c>{"reason":"…"}</c>.</summary>
    public static async Task<IResult> DisableAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit)
    {
        var (reason, problem) = await DisableReason.ReadAsync(http);
        if (problem is not null)
        {
            return AdminErrors.Invalid(problem);
        }

        return await SetDisabledAsync(id, true, reason ?? "disabled by an operator", http, grains, audit);
    }

    /// <summary><c>POST /admin/api/credentials/{id}/enable</c>.</summary>
    public static Task<IResult> EnableAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit) =>
        SetDisabledAsync(id, false, null, http, grains, audit);

    /// <summary><c>POST /admin/api/credentials/{id}/recheck</c>: runs the logging and access checks now.</summary>
    public static async Task<IResult> RecheckAsync(string id, HttpContext http, IGrainFactory grains, AdminAudit audit)
    {
        if (await CredentialLookup.FindAsync(grains, id) is not { } before)
        {
            return AdminErrors.NotFound(id);
        }

        audit.Record(http, AdminAction.Recheck, id, before.Descriptor.MaskedAccessKeyId);
        return Results.Json(await CredentialLookup.RecheckAsync(grains, id), AdminJson.Options);
    }

    private static async Task<IResult> SetDisabledAsync(string id, bool disabled, string? reason, HttpContext http, IGrainFactory grains, AdminAudit audit)
    {
        if (await CredentialLookup.FindAsync(grains, id) is not { } before)
        {
            return AdminErrors.NotFound(id);
        }

        var after = await grains.GetGrain<Credentials.ICredentialGrain>(id).SetDisabledAsync(disabled, reason);
        audit.Record(http, disabled ? AdminAction.Disable : AdminAction.Enable, id, before.Descriptor.MaskedAccessKeyId);
        return Results.Json(after, AdminJson.Options);
    }
}
