using System.Text.Json;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// Adds credentials at run time: the silos encrypt each secret into grain storage (refused without
/// <c>CREDENTIAL_ENCRYPTION_KEY</c>), the pool registers them, and each is checked at once. The change is
/// cluster-wide as soon as the grains have it.
/// </summary>
public sealed class CredentialAdder(IGrainFactory grains, AdminAudit audit)
{
    /// <summary>The largest body accepted.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private const int CheckConcurrency = 8;

    /// <summary>Handles <c>POST /admin/api/credentials</c>.</summary>
    public async Task<IResult> AddAsync(HttpContext http)
    {
        var (body, error) = await RequestBodyReader.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted);
        if (error is not null)
        {
            return AdminErrors.Problem(error.StatusCode, "invalid_request_error", error.Message);
        }

        if (ReadEntries(body!) is not { } text)
        {
            return AdminErrors.Invalid("The body must be a JSON object: {\"credentials\":\"AKIA…:secret:region,…\"}.");
        }

        var (credentials, problems) = CredentialEntries.Parse(text);
        if (problems.Count > 0)
        {
            return Results.Json(new AdminErrorBody(new AdminError("invalid_request_error", string.Join(" ", problems)), problems),
                AdminJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }

        var added = new List<CredentialDescriptor>();
        var unchanged = new List<CredentialDescriptor>();
        foreach (var credential in credentials)
        {
            var grain = grains.GetGrain<ICredentialGrain>(credential.Id);
            var existing = await grain.GetSnapshotAsync();
            if (CredentialLookup.IsRegistered(existing) && existing.Descriptor.Source == CredentialSource.Environment)
            {
                unchanged.Add(existing.Descriptor);
                continue;
            }

            var descriptor = credential.ToDescriptor(CredentialSource.Runtime);
            try
            {
                await grain.InitializeRuntimeAsync(descriptor, credential.AccessKeyId, credential.SecretAccessKey);
            }
            catch (InvalidOperationException exception) when (exception.Message.Contains("CREDENTIAL_ENCRYPTION_KEY", StringComparison.Ordinal))
            {
                audit.Record(http, AdminAction.AddRefused, descriptor.Id, descriptor.MaskedAccessKeyId, credentials.Count);
                await RegisterAsync(added);
                return AdminErrors.Problem(StatusCodes.Status409Conflict, "encryption_key_missing",
                    exception.Message + " Set CREDENTIAL_ENCRYPTION_KEY (the same value on every silo) or list the key in AWS_CREDENTIALS."
                    + (added.Count > 0 ? $" {added.Count} credential(s) before it were added." : ""));
            }

            added.Add(descriptor);
        }

        await RegisterAsync(added);
        foreach (var descriptor in added)
        {
            audit.Record(http, AdminAction.Add, descriptor.Id, descriptor.MaskedAccessKeyId, added.Count);
        }

        var snapshots = new CredentialSnapshot[added.Count + unchanged.Count];
        await Parallel.ForEachAsync(
            added.Concat(unchanged).Select((descriptor, index) => (descriptor, index)),
            new ParallelOptions { MaxDegreeOfParallelism = CheckConcurrency, CancellationToken = CancellationToken.None },
            async (item, _) => snapshots[item.index] = item.index < added.Count
                ? await CredentialLookup.RecheckAsync(grains, item.descriptor.Id)
                : await grains.GetGrain<ICredentialGrain>(item.descriptor.Id).GetSnapshotAsync());
        return Results.Json(new AddCredentialsResult(added.Count, unchanged.Count, snapshots), AdminJson.Options,
            statusCode: added.Count > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private Task RegisterAsync(List<CredentialDescriptor> descriptors) => descriptors.Count == 0
        ? Task.CompletedTask
        : grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey).RegisterAsync(descriptors, replaceEnvironmentSet: false);

    private static string? ReadEntries(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("credentials", out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            // The parser's message may quote the body, which holds secrets: answer with the expected shape only.
            return null;
        }
    }
}
