using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansProxy.Bedrock;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Models;
using OrleansProxy.Signing;

namespace OrleansProxy.Checks;

/// <summary>
/// Makes a credential's check calls from the silo: the logging configuration read and one free access probe per
/// model family. Each call has its own timeout; network failures are transient, never a verdict on the key.
/// </summary>
public sealed class BedrockChecker(
    HttpClient httpClient,
    BedrockEndpoints endpoints,
    IOptions<CredentialPoolOptions> options,
    [FromKeyedServices(ProxyClock.Key)] TimeProvider timeProvider)
{
    /// <summary>The named HttpClient checks use.</summary>
    public const string HttpClientName = "bedrock-checks";

    // max_tokens -1 fails Bedrock's body validation, which runs after authorisation and before any inference,
    // so the probe proves access without billing a token.
    private static readonly byte[] ProbeBody = Encoding.UTF8.GetBytes(
        """{"anthropic_version":"bedrock-2023-05-31","max_tokens":-1,"messages":[{"role":"user","content":"ping"}]}""");

    private static readonly string ProbeBodySha256 = Convert.ToHexStringLower(SHA256.HashData(ProbeBody));

    /// <summary>Reads the account's model invocation logging configuration.</summary>
    public async Task<LoggingCheckResult> CheckLoggingAsync(AwsCredential credential, CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoints.LoggingConfigurationUri(credential.Region));
        var (status, errorType, body) = await SendAsync(credential, HttpMethod.Get, uri, null, SigV4RequestSigner.EmptyPayloadSha256, cancellationToken);
        return status == 0
            ? new LoggingCheckResult(CheckVerdict.Transient, LoggingCheck.NotChecked, body)
            : CheckInterpreter.Logging(status, errorType, body);
    }

    // Bedrock answers up to 1000 profiles a page but may send short pages with a nextToken; the bound keeps a
    // misbehaving endpoint from holding a check forever.
    private const int ProfilePageSize = 1000;
    private const int MaxProfilePages = 20;

    /// <summary>
    /// Lists the region's Anthropic foundation models and system inference profiles (following nextToken). Missing
    /// permissions make a half absent, never a failure: the catalogue serves without them.
    /// </summary>
    public async Task<ModelListingResult> ListModelsAsync(AwsCredential credential, CancellationToken cancellationToken)
    {
        var (status, errorType, body) = await SendAsync(
            credential, HttpMethod.Get, new Uri(endpoints.AnthropicFoundationModelsUri(credential.Region)), null, SigV4RequestSigner.EmptyPayloadSha256, cancellationToken);
        IReadOnlyList<ModelListingReader.FoundationModel>? foundationModels = null;
        if (status == 200)
        {
            foundationModels = ModelListingReader.FoundationModels(body);
            if (foundationModels is null)
            {
                return new ModelListingResult(CheckVerdict.Transient, null, "ListFoundationModels answer unreadable");
            }
        }
        else if (ListingFailure(status, errorType, body, "ListFoundationModels") is { } failure)
        {
            return failure;
        }

        List<ModelListingReader.Profile>? profiles = [];
        string? token = null;
        for (var page = 0; page < MaxProfilePages; page++)
        {
            var uri = new Uri(endpoints.SystemInferenceProfilesUri(credential.Region, ProfilePageSize, token));
            (status, errorType, body) = await SendAsync(credential, HttpMethod.Get, uri, null, SigV4RequestSigner.EmptyPayloadSha256, cancellationToken);
            if (status != 200)
            {
                if (ListingFailure(status, errorType, body, "ListInferenceProfiles") is { } pageFailure)
                {
                    return pageFailure;
                }

                profiles = null;
                break;
            }

            if (ModelListingReader.Profiles(body, out token) is not { } items)
            {
                return new ModelListingResult(CheckVerdict.Transient, null, "ListInferenceProfiles answer unreadable");
            }

            profiles.AddRange(items);
            if (token is null)
            {
                break;
            }
        }

        if (token is not null)
        {
            return new ModelListingResult(CheckVerdict.Transient, null, $"ListInferenceProfiles still paging after {MaxProfilePages} pages");
        }

        if (foundationModels is null && profiles is null)
        {
            return new ModelListingResult(CheckVerdict.Conclusive, null,
                "no permission to list models (bedrock:ListFoundationModels, bedrock:ListInferenceProfiles): the built-in catalogue routes");
        }

        var listing = ModelListingReader.Combine(credential.Region, timeProvider.GetUtcNow(), foundationModels, profiles);
        var detail = $"{listing.Models.Count} Anthropic models listed"
            + (foundationModels is null ? " (no bedrock:ListFoundationModels: on-demand use from the catalogue)" : "")
            + (profiles is null ? " (no bedrock:ListInferenceProfiles: profiles from the catalogue)" : "");
        return new ModelListingResult(CheckVerdict.Conclusive, listing, detail);
    }

    /// <summary>Probes whether the credential can call <paramref name="family"/> in its region.</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="family">The family to probe.</param>
    /// <param name="listing">The region's listing (routes the probe and supplies families the table lacks), if any.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<ProbeResult> ProbeAsync(AwsCredential credential, string family, ModelListing? listing, CancellationToken cancellationToken)
    {
        if (ProbeModelFor(family, listing) is not { } model || ModelRoutes.UpstreamId(model, credential.Region, listing) is not { } upstream)
        {
            return new ProbeResult(CheckVerdict.Conclusive, FamilyAccess.NotInRegion, "no on-demand route or inference profile covers this region");
        }

        var uri = new Uri(endpoints.InvokeUri(credential.Region, upstream, stream: false));
        var (status, errorType, body) = await SendAsync(credential, HttpMethod.Post, uri, ProbeBody, ProbeBodySha256, cancellationToken);
        if (status == 400 && body.Contains("inference profile", StringComparison.OrdinalIgnoreCase)
            && Geographies.ProfileFor(model.Model, credential.Region) is { } geography)
        {
            // AWS moved the model to profile-only calls after the catalogue was written: probe its profile.
            uri = new Uri(endpoints.InvokeUri(credential.Region, model.ProfileId(geography), stream: false));
            (status, errorType, body) = await SendAsync(credential, HttpMethod.Post, uri, ProbeBody, ProbeBodySha256, cancellationToken);
        }

        return status == 0
            ? new ProbeResult(CheckVerdict.Transient, FamilyAccess.Unknown, body)
            : CheckInterpreter.Probe(status, errorType, body);
    }

    /// <summary>The model the probe of <paramref name="family"/> calls: the table's newest, else the newest listed one.</summary>
    public static ResolvedModel? ProbeModelFor(string family, ModelListing? listing)
    {
        if (ModelCatalog.Families.Contains(family, StringComparer.Ordinal))
        {
            return new ResolvedModel(ModelCatalog.ProbeModel(family), null);
        }

        var listed = listing?.Models.LastOrDefault(m => ModelRules.TryParse(m.BaseId, out var parts) && parts.Family == family);
        return listed is not null && ModelRules.TryParse(listed.BaseId, out var found)
            ? new ResolvedModel(ModelCatalog.FromRules(found), null) { FromRules = true }
            : null;
    }

    /// <summary>The families a check probes: the table's, and those only Bedrock's listing has.</summary>
    public static IReadOnlyList<string> FamiliesToProbe(ModelListing? listing)
    {
        if (listing is null)
        {
            return ModelCatalog.Families;
        }

        var families = new List<string>(ModelCatalog.Families);
        foreach (var model in listing.Models)
        {
            if (ModelCatalog.Find(model.BaseId) is null && ModelRules.TryParse(model.BaseId, out var parts) && !families.Contains(parts.Family))
            {
                families.Add(parts.Family);
            }
        }

        return families;
    }

    // Null when the answer means "not permitted" (the half is absent); otherwise the result to return.
    private static ModelListingResult? ListingFailure(int status, string? errorType, string body, string operation)
    {
        if (status == 0)
        {
            return new ModelListingResult(CheckVerdict.Transient, null, $"{operation}: {body}");
        }

        var error = BedrockError.From(status, errorType, null);
        return error.Outcome switch
        {
            OutcomeKind.AccessDenied => null,
            OutcomeKind.Revoked => new ModelListingResult(CheckVerdict.Revoked, null, $"{error.Type} on {operation}"),
            OutcomeKind.Throttled => new ModelListingResult(CheckVerdict.Throttled, null, $"{operation} throttled"),
            _ => new ModelListingResult(CheckVerdict.Transient, null, $"{operation} failed: {status} {error.Type}"),
        };
    }

    private async Task<(int Status, string? ErrorType, string Body)> SendAsync(
        AwsCredential credential, HttpMethod method, Uri uri, byte[]? body, string payloadSha256, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CheckRequestTimeout);
        using var request = new HttpRequestMessage(method, uri);
        var signed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["accept"] = "application/json" };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
            signed["content-type"] = "application/json";
        }

        request.Headers.TryAddWithoutValidation("accept", "application/json");
        foreach (var (name, value) in SigV4RequestSigner.Sign(credential, method.Method, uri, signed, payloadSha256, timeProvider.GetUtcNow()))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            return ((int)response.StatusCode, errorType, text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, $"no answer within {options.Value.CheckRequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return (0, null, $"network error: {exception.HttpRequestError}");
        }
    }
}
