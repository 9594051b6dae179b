using System.Globalization;
using System.Text.Json;
using OrleansProxy.Models;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// Writes the pool's servable models in the control plane's shapes (botocore <c>bedrock/2023-04-20</c>):
/// FoundationModelSummary and InferenceProfileSummary. ARNs name <see cref="Region"/> and a zero account: the pooled
/// credentials' accounts and regions are the proxy's business, and clients key on the ids, not the ARNs.
/// </summary>
internal static class ModelListingJson
{
    /// <summary>The region the listings' ARNs name.</summary>
    public const string Region = "us-east-1";

    /// <summary>The account the inference profile ARNs name.</summary>
    public const string Account = "000000000000";

    public static string FoundationModelArn(string baseId) => $"arn:aws:bedrock:{Region}::foundation-model/{baseId}";

    public static string ProfileArn(string profileId) => $"arn:aws:bedrock:{Region}:{Account}:inference-profile/{profileId}";

    /// <summary>The fields of a FoundationModelSummary (also GetFoundationModel's <c>modelDetails</c>).</summary>
    public static void WriteModel(Utf8JsonWriter w, ServableModel model)
    {
        w.WriteString("modelArn"u8, FoundationModelArn(model.BaseId));
        w.WriteString("modelId"u8, model.BaseId);
        w.WriteString("modelName"u8, model.DisplayName);
        w.WriteString("providerName"u8, "Anthropic"u8);
        w.WriteStartArray("inputModalities"u8);
        w.WriteStringValue("TEXT"u8);
        if (model.Dialect == BodyDialect.Messages)
        {
            w.WriteStringValue("IMAGE"u8);
        }

        w.WriteEndArray();
        w.WriteStartArray("outputModalities"u8);
        w.WriteStringValue("TEXT"u8);
        w.WriteEndArray();
        w.WriteBoolean("responseStreamingSupported"u8, true);
        w.WriteStartArray("customizationsSupported"u8);
        w.WriteEndArray();
        w.WriteStartArray("inferenceTypesSupported"u8);
        // What Bedrock lists for a model reachable only through profiles (not in the service model's enum, but on the wire).
        w.WriteStringValue(model.OnDemand ? "ON_DEMAND"u8 : "INFERENCE_PROFILE"u8);
        w.WriteEndArray();
        w.WriteStartObject("modelLifecycle"u8);
        w.WriteString("status"u8, "ACTIVE"u8);
        w.WriteEndObject();
    }

    /// <summary>The fields of an InferenceProfileSummary (also GetInferenceProfile's answer).</summary>
    public static void WriteProfile(Utf8JsonWriter w, ServableModel model, string profileId)
    {
        var geography = profileId[..profileId.IndexOf('.', StringComparison.Ordinal)];
        var geographyName = geography == "global" ? "Global" : geography.ToUpperInvariant();
        w.WriteString("inferenceProfileName"u8, $"{geographyName} Anthropic {model.DisplayName}");
        w.WriteString("description"u8, $"Routes requests to Anthropic {model.DisplayName} through the proxy's {geographyName} credentials.");
        if (model.CreatedAt is { } created)
        {
            var text = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            w.WriteString("createdAt"u8, text);
            w.WriteString("updatedAt"u8, text);
        }

        w.WriteString("inferenceProfileArn"u8, ProfileArn(profileId));
        w.WriteStartArray("models"u8);
        w.WriteStartObject();
        w.WriteString("modelArn"u8, FoundationModelArn(model.BaseId));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("inferenceProfileId"u8, profileId);
        w.WriteString("status"u8, "ACTIVE"u8);
        w.WriteString("type"u8, "SYSTEM_DEFINED"u8);
    }
}
