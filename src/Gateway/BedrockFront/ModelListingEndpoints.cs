using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// The control-plane reads Bedrock clients make before invoking (Claude Code lists inference profiles first):
/// ListInferenceProfiles, GetInferenceProfile, ListFoundationModels and GetFoundationModel, answered from the pool's
/// servable models (<see cref="Pool.IKeyPoolGrain.GetModelsAsync"/>) with the control plane's query validation.
/// </summary>
internal static class ModelListingEndpoints
{
    private const string TokenPrefix = "proxy-offset:";
    private static readonly string[] InferenceTypes = ["ON_DEMAND", "PROVISIONED"];
    private static readonly string[] OutputModalities = ["TEXT", "IMAGE", "EMBEDDING"];
    private static readonly string[] CustomizationTypes = ["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"];
    private static readonly string[] ProfileTypes = ["SYSTEM_DEFINED", "APPLICATION"];

    /// <summary><c>GET /inference-profiles?maxResults=&amp;nextToken=&amp;type=</c>, paged in the pool's order.</summary>
    public static async Task ListInferenceProfilesAsync(HttpContext http, GrainReferences grains)
    {
        var query = http.Request.Query;
        var maxResults = 1000;
        if (query["maxResults"].ToString() is { Length: > 0 } max
            && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out maxResults) || maxResults is < 1 or > 1000))
        {
            await FailAsync(http, Constraint(max, "maxResults", "Member must have value between 1 and 1000"));
            return;
        }

        var type = query["type"].ToString() is { Length: > 0 } t ? t : "SYSTEM_DEFINED";
        if (!ProfileTypes.Contains(type, StringComparer.Ordinal))
        {
            await FailAsync(http, Enum(type, "typeEquals", ProfileTypes));
            return;
        }

        var offset = 0;
        if (query["nextToken"].ToString() is { Length: > 0 } token && !TryReadToken(token, out offset))
        {
            await FailAsync(http, ProxyError.InvalidRequest("Invalid input for nextToken."));
            return;
        }

        if (await ModelsAsync(http, grains) is not { } models)
        {
            return;
        }

        // The proxy defines no application profiles: every profile it serves is a system one.
        var profiles = type == "APPLICATION" ? [] : models.SelectMany(m => m.ProfileIds.Select(id => (Model: m, Id: id))).ToList();
        var end = (int)Math.Min(profiles.Count, (long)offset + maxResults);
        await WriteAsync(http, w =>
        {
            w.WriteStartArray("inferenceProfileSummaries"u8);
            for (var i = Math.Min(offset, end); i < end; i++)
            {
                w.WriteStartObject();
                ModelListingJson.WriteProfile(w, profiles[i].Model, profiles[i].Id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (end < profiles.Count)
            {
                w.WriteString("nextToken"u8, Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + end.ToString(CultureInfo.InvariantCulture))));
            }
        });
    }

    /// <summary><c>GET /inference-profiles/{id}</c>: by id or by the ARN the listing gave.</summary>
    public static async Task GetInferenceProfileAsync(HttpContext http, string inferenceProfileIdentifier, GrainReferences grains)
    {
        var id = Identifier(inferenceProfileIdentifier, ":inference-profile/");
        if (await ModelsAsync(http, grains) is not { } models)
        {
            return;
        }

        var found = models.SelectMany(m => m.ProfileIds.Where(p => p == id).Select(p => (Model: m, Id: p))).FirstOrDefault();
        if (found.Model is null)
        {
            await FailAsync(http, ProxyError.NotFound("The specified inference profile couldn't be found."));
            return;
        }

        await WriteAsync(http, w => ModelListingJson.WriteProfile(w, found.Model, found.Id));
    }

    /// <summary><c>GET /foundation-models</c> with the control plane's filters (no paging: the API has none).</summary>
    public static async Task ListFoundationModelsAsync(HttpContext http, GrainReferences grains)
    {
        var query = http.Request.Query;
        foreach (var (name, allowed) in new (string, string[])[]
        {
            ("byInferenceType", InferenceTypes), ("byOutputModality", OutputModalities), ("byCustomizationType", CustomizationTypes),
        })
        {
            if (query[name].ToString() is { Length: > 0 } value && !allowed.Contains(value, StringComparer.Ordinal))
            {
                await FailAsync(http, Enum(value, name, allowed));
                return;
            }
        }

        if (await ModelsAsync(http, grains) is not { } models)
        {
            return;
        }

        var provider = query["byProvider"].ToString();
        var inferenceType = query["byInferenceType"].ToString();
        var modality = query["byOutputModality"].ToString();
        // Only text models of Anthropic's, none customisable, none provisioned: every filter else matches nothing.
        var any = (provider.Length == 0 || provider.Equals("Anthropic", StringComparison.OrdinalIgnoreCase))
            && modality is "" or "TEXT"
            && query["byCustomizationType"].ToString().Length == 0
            && inferenceType != "PROVISIONED";
        await WriteAsync(http, w =>
        {
            w.WriteStartArray("modelSummaries"u8);
            foreach (var model in any ? models : [])
            {
                if (inferenceType != "ON_DEMAND" || model.OnDemand)
                {
                    w.WriteStartObject();
                    ModelListingJson.WriteModel(w, model);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
        });
    }

    /// <summary><c>GET /foundation-models/{id}</c>: by base id or foundation-model ARN.</summary>
    public static async Task GetFoundationModelAsync(HttpContext http, string modelIdentifier, GrainReferences grains)
    {
        var id = Identifier(modelIdentifier, ":foundation-model/");
        if (await ModelsAsync(http, grains) is not { } models)
        {
            return;
        }

        if (models.FirstOrDefault(m => m.BaseId == id) is not { } model)
        {
            await FailAsync(http, ProxyError.NotFound("Could not resolve the foundation model from the provided model identifier."));
            return;
        }

        await WriteAsync(http, w =>
        {
            w.WriteStartObject("modelDetails"u8);
            ModelListingJson.WriteModel(w, model);
            w.WriteEndObject();
        });
    }

    // Only compared with the pool's ids, never sent anywhere: decoding %2F (kept encoded by routing) is safe here.
    private static string Identifier(string raw, string arnMarker)
    {
        var id = Uri.UnescapeDataString(raw);
        var marker = id.StartsWith("arn:", StringComparison.Ordinal) ? id.IndexOf(arnMarker, StringComparison.Ordinal) : -1;
        return marker >= 0 ? id[(marker + arnMarker.Length)..] : id;
    }

    private static async Task<IReadOnlyList<ServableModel>?> ModelsAsync(HttpContext http, GrainReferences grains)
    {
        try
        {
            return await grains.Pool.GetModelsAsync().WaitAsync(http.RequestAborted);
        }
        catch (Exception exception) when (GrainCalls.IsTransient(exception))
        {
            await FailAsync(http, new ProxyError(503, ErrorTypes.Overloaded,
                "The proxy's cluster is unavailable right now (its key pool did not answer). Retry shortly."));
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext http, Action<Utf8JsonWriter> write)
    {
        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        write(json);
        json.WriteEndObject();
    }

    private static Task FailAsync(HttpContext http, ProxyError error) => AwsRestJsonErrors.WriteAsync(http.Response, error, http.RequestAborted);

    // The control plane's (Coral's) wording for a request member that breaks its constraints.
    private static ProxyError Constraint(string value, string member, string constraint) => ProxyError.InvalidRequest(
        $"1 validation error detected: Value '{Echo(value)}' at '{member}' failed to satisfy constraint: {constraint}");

    private static ProxyError Enum(string value, string member, string[] allowed) =>
        Constraint(value, member, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");

    private static string Echo(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");

    private static bool TryReadToken(string token, out int offset)
    {
        offset = 0;
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(token.Length)];
        if (token.Length > 64 || !Convert.TryFromBase64String(token, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, written);
        return text.StartsWith(TokenPrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
