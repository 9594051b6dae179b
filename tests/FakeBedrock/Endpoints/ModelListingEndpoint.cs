using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Errors;
using OrleansProxy.Testing.FakeBedrock.Invocation;
using OrleansProxy.Testing.FakeBedrock.Models;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Testing.FakeBedrock.Endpoints;

/// <summary>
/// The control plane's model listing (botocore <c>bedrock/2023-04-20</c>): ListFoundationModels (no paging; filters
/// <c>byProvider</c>, <c>byInferenceType</c>, <c>byOutputModality</c>, <c>byCustomizationType</c>), GetFoundationModel,
/// ListInferenceProfiles (paged on nextToken, in pages of at most <see cref="FakeBedrockOptions.InferenceProfilePageSize"/>
/// whatever <c>maxResults</c> asks, as Bedrock sends short pages) and GetInferenceProfile. Listings are per region: a
/// profile appears where its geography contains the key's region, and a model's <c>inferenceTypesSupported</c> says
/// <c>ON_DEMAND</c> only where its base id takes on-demand calls.
/// </summary>
internal static class ModelListingEndpoint
{
    // Context-length variants Bedrock lists for Provisioned Throughput only; never invocable on demand.
    private static readonly string[] ProvisionedVariants = ["anthropic.claude-v2:1:200k", "anthropic.claude-3-haiku-20240307-v1:0:200k"];

    public static Task HandleAsync(BedrockCall call, string rawTarget)
    {
        var account = call.Account;
        if (account.ThrottleControlPlane && account.TryTakeThrottle())
        {
            return call.FailAsync(AwsErrors.Throttling(account.ThrottleMessage));
        }

        var query = Query(rawTarget);
        var accountId = account.Account ?? LoggingEndpoint.DefaultAccountId;
        return call.Route.Operation switch
        {
            FakeOperation.ListFoundationModels when account.DenyListFoundationModels => call.FailAsync(Denied(accountId, account.Region, "ListFoundationModels")),
            FakeOperation.GetFoundationModel when account.DenyListFoundationModels => call.FailAsync(Denied(accountId, account.Region, "GetFoundationModel")),
            FakeOperation.ListInferenceProfiles when account.DenyListInferenceProfiles => call.FailAsync(Denied(accountId, account.Region, "ListInferenceProfiles")),
            FakeOperation.GetInferenceProfile when account.DenyListInferenceProfiles => call.FailAsync(Denied(accountId, account.Region, "GetInferenceProfile")),
            FakeOperation.ListFoundationModels => ListFoundationModelsAsync(call, query),
            FakeOperation.GetFoundationModel => GetFoundationModelAsync(call),
            FakeOperation.ListInferenceProfiles => ListInferenceProfilesAsync(call, query, accountId),
            _ => GetInferenceProfileAsync(call, accountId),
        };
    }

    private static Task ListFoundationModelsAsync(BedrockCall call, IReadOnlyDictionary<string, string> query)
    {
        foreach (var (name, allowed) in new (string, string[])[]
        {
            ("byInferenceType", ["ON_DEMAND", "PROVISIONED"]),
            ("byOutputModality", ["TEXT", "IMAGE", "EMBEDDING"]),
            ("byCustomizationType", ["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"]),
        })
        {
            if (query.TryGetValue(name, out var value) && !allowed.Contains(value, StringComparer.Ordinal))
            {
                return call.FailAsync(AwsErrors.Validation(
                    $"1 validation error detected: Value '{value}' at '{name}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]"));
            }
        }

        var region = call.Account.Region;
        var provider = query.GetValueOrDefault("byProvider");
        var inferenceType = query.GetValueOrDefault("byInferenceType");
        var modality = query.GetValueOrDefault("byOutputModality");
        var anthropic = provider is null || string.Equals(provider, "Anthropic", StringComparison.OrdinalIgnoreCase);
        var customized = query.ContainsKey("byCustomizationType");
        return call.OkJsonAsync(ModelEventJson.Write(w =>
        {
            w.WriteStartArray("modelSummaries");
            if (anthropic && !customized && modality is null or "TEXT")
            {
                foreach (var model in Listed(call))
                {
                    var onDemand = model.OnDemandIn(region);
                    if (inferenceType is null || (inferenceType == "ON_DEMAND" && onDemand))
                    {
                        w.WriteStartObject();
                        WriteModel(w, model, region, onDemand ? "ON_DEMAND" : "INFERENCE_PROFILE");
                        w.WriteEndObject();
                    }
                }

                foreach (var variant in ProvisionedVariants)
                {
                    if (inferenceType is null or "PROVISIONED" && call.State.Models.Find(variant[..variant.LastIndexOf(':')]) is { } model)
                    {
                        w.WriteStartObject();
                        WriteModel(w, model with { BaseId = variant }, region, "PROVISIONED");
                        w.WriteEndObject();
                    }
                }
            }

            w.WriteEndArray();
        }));
    }

    private static Task GetFoundationModelAsync(BedrockCall call)
    {
        var region = call.Account.Region;
        var id = call.Route.ModelId!;
        var arnPrefix = $"arn:aws:bedrock:{region}::foundation-model/";
        if (id.StartsWith(arnPrefix, StringComparison.Ordinal))
        {
            id = id[arnPrefix.Length..];
        }

        if (Listed(call).FirstOrDefault(m => m.BaseId == id) is not { } model)
        {
            return call.FailAsync(new AwsError(404, "ResourceNotFoundException",
                "Could not resolve the foundation model from the provided model identifier.", "com.amazon.bedrock"));
        }

        return call.OkJsonAsync(ModelEventJson.Write(w =>
        {
            w.WriteStartObject("modelDetails");
            WriteModel(w, model, region, model.OnDemandIn(region) ? "ON_DEMAND" : "INFERENCE_PROFILE");
            w.WriteEndObject();
        }));
    }

    private static Task ListInferenceProfilesAsync(BedrockCall call, IReadOnlyDictionary<string, string> query, string accountId)
    {
        var maxResults = 1000;
        if (query.TryGetValue("maxResults", out var max)
            && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out maxResults) || maxResults is < 1 or > 1000))
        {
            return call.FailAsync(AwsErrors.Validation(maxResults < 1 && int.TryParse(max, CultureInfo.InvariantCulture, out _)
                ? $"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
                : $"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"));
        }

        var type = query.GetValueOrDefault("type") ?? "SYSTEM_DEFINED";
        if (type is not ("SYSTEM_DEFINED" or "APPLICATION"))
        {
            return call.FailAsync(AwsErrors.Validation(
                $"1 validation error detected: Value '{type}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]"));
        }

        var offset = 0;
        if (query.TryGetValue("nextToken", out var token) && !TryReadToken(token, out offset))
        {
            return call.FailAsync(AwsErrors.Validation("Invalid input for nextToken."));
        }

        var profiles = type == "APPLICATION" ? [] : Profiles(call).ToList();
        var page = Math.Min(maxResults, Math.Max(1, call.State.Options.InferenceProfilePageSize));
        var end = Math.Min(profiles.Count, offset + page);
        return call.OkJsonAsync(ModelEventJson.Write(w =>
        {
            w.WriteStartArray("inferenceProfileSummaries");
            for (var i = offset; i < end; i++)
            {
                w.WriteStartObject();
                WriteProfile(w, call, profiles[i].Geography, profiles[i].Model, accountId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (end < profiles.Count)
            {
                w.WriteString("nextToken", Convert.ToBase64String(Encoding.UTF8.GetBytes($"fake-offset:{end}")));
            }
        }));
    }

    private static Task GetInferenceProfileAsync(BedrockCall call, string accountId)
    {
        var region = call.Account.Region;
        var id = call.Route.ModelId!;
        var arnPrefix = $"arn:aws:bedrock:{region}:{accountId}:inference-profile/";
        if (id.StartsWith(arnPrefix, StringComparison.Ordinal))
        {
            id = id[arnPrefix.Length..];
        }

        if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ':' or '.'))
        {
            return call.FailAsync(AwsErrors.Validation(
                $"1 validation error detected: Value '{call.Route.ModelId}' at 'inferenceProfileIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:(|[0-9a-z-]{{0,20}}):(|[0-9]{{12}}):(inference-profile|application-inference-profile)/)?[a-zA-Z0-9-:.]+"));
        }

        if (Profiles(call).FirstOrDefault(p => $"{p.Geography}.{p.Model.BaseId}" == id) is not { Model: not null } profile)
        {
            return call.FailAsync(new AwsError(404, "ResourceNotFoundException", "The specified inference profile couldn't be found.", "com.amazon.bedrock"));
        }

        return call.OkJsonAsync(ModelEventJson.Write(w => WriteProfile(w, call, profile.Geography, profile.Model, accountId)));
    }

    // The models this key's region offers: not retired, not hidden by the key's modelsNotInRegion knob.
    private static IEnumerable<FakeModel> Listed(BedrockCall call) =>
        call.State.Models.All.Where(m => !m.Retired && !call.Account.ModelsNotInRegion.Matches(m.BaseId, m.BaseId));

    private static IEnumerable<(string Geography, FakeModel Model)> Profiles(BedrockCall call) =>
        Listed(call)
            .SelectMany(m => m.Profiles.Where(g => Geography.Contains(g, call.Account.Region)).Select(g => (Geography: g, Model: m)))
            .OrderBy(p => $"{p.Geography}.{p.Model.BaseId}", StringComparer.Ordinal);

    private static void WriteModel(Utf8JsonWriter w, FakeModel model, string region, string inferenceType)
    {
        w.WriteString("modelArn", $"arn:aws:bedrock:{region}::foundation-model/{model.BaseId}");
        w.WriteString("modelId", model.BaseId);
        w.WriteString("modelName", model.Name);
        w.WriteString("providerName", "Anthropic");
        w.WriteStartArray("inputModalities");
        w.WriteStringValue("TEXT");
        if (!model.TextCompletions)
        {
            w.WriteStringValue("IMAGE");
        }

        w.WriteEndArray();
        w.WriteStartArray("outputModalities");
        w.WriteStringValue("TEXT");
        w.WriteEndArray();
        w.WriteBoolean("responseStreamingSupported", true);
        w.WriteStartArray("customizationsSupported");
        w.WriteEndArray();
        w.WriteStartArray("inferenceTypesSupported");
        w.WriteStringValue(inferenceType);
        w.WriteEndArray();
        w.WriteStartObject("modelLifecycle");
        w.WriteString("status", "ACTIVE");
        w.WriteEndObject();
    }

    private static void WriteProfile(Utf8JsonWriter w, BedrockCall call, string geography, FakeModel model, string accountId)
    {
        var id = $"{geography}.{model.BaseId}";
        var destinations = Destinations(geography);
        var created = call.State.Models.CreatedAt(model).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        w.WriteString("inferenceProfileName", $"{(geography == "global" ? "Global" : geography.ToUpperInvariant())} Anthropic {model.Name}");
        w.WriteString("description", $"Routes requests to Anthropic {model.Name} in {string.Join(", ", destinations[..^1])} and {destinations[^1]}.");
        w.WriteString("createdAt", created);
        w.WriteString("updatedAt", created);
        w.WriteString("inferenceProfileArn", $"arn:aws:bedrock:{call.Account.Region}:{accountId}:inference-profile/{id}");
        w.WriteStartArray("models");
        foreach (var destination in destinations)
        {
            w.WriteStartObject();
            w.WriteString("modelArn", $"arn:aws:bedrock:{destination}::foundation-model/{model.BaseId}");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("inferenceProfileId", id);
        w.WriteString("status", "ACTIVE");
        w.WriteString("type", "SYSTEM_DEFINED");
    }

    private static string[] Destinations(string geography) => geography switch
    {
        "us" => ["us-east-1", "us-east-2", "us-west-2"],
        "us-gov" => ["us-gov-east-1", "us-gov-west-1"],
        "eu" => ["eu-central-1", "eu-north-1", "eu-west-1", "eu-west-3"],
        "apac" => ["ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2"],
        "jp" => ["ap-northeast-1", "ap-northeast-3"],
        "au" => ["ap-southeast-2", "ap-southeast-4"],
        _ => ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "ap-northeast-1"],
    };

    private static bool TryReadToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("fake-offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan("fake-offset:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> Query(string rawTarget)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = rawTarget.IndexOf('?', StringComparison.Ordinal);
        if (start < 0)
        {
            return query;
        }

        foreach (var pair in rawTarget[(start + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            query[name] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        }

        return query;
    }

    private static AwsError Denied(string accountId, string region, string action) => new(
        403,
        "AccessDeniedException",
        $"User: arn:aws:iam::{accountId}:user/fake-bedrock is not authorized to perform: bedrock:{action} on resource: arn:aws:bedrock:{region}:{accountId}:* " +
        $"because no identity-based policy allows the bedrock:{action} action",
        "com.amazon.bedrock");
}
