using System.Text.Json;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>
/// Bedrock validates Anthropic bodies with a JSON-schema validator and reports violations in its
/// words (<c>#/max_tokens: expected type: Integer, found: String</c>); these helpers speak them.
/// </summary>
internal static class JsonSchemaText
{
    public static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "String",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "Integer" : "BigDecimal",
        JsonValueKind.Array => "JSONArray",
        JsonValueKind.Object => "JSONObject",
        JsonValueKind.True or JsonValueKind.False => "Boolean",
        _ => "Null",
    };

    public static string? ExpectString(string path, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? null : $"{path}: expected type: String, found: {TypeName(value)}";

    public static string? ExpectNumber(string path, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? null : $"{path}: expected type: Number, found: {TypeName(value)}";

    public static string? ExpectArray(string path, JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? null : $"{path}: expected type: JSONArray, found: {TypeName(value)}";

    public static string? ExpectObject(string path, JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? null : $"{path}: expected type: JSONObject, found: {TypeName(value)}";

    /// <summary>An integer no smaller than <paramref name="minimum"/>.</summary>
    public static string? ExpectInteger(string path, JsonElement value, long minimum)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            return $"{path}: expected type: Integer, found: {TypeName(value)}";
        }

        return number >= minimum ? null : $"{path}: {number} is not greater or equal to {minimum}";
    }

    public static string? ExpectStringOrArray(string path, JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Array
            ? null
            : $"{path}: expected type: String or JSONArray, found: {TypeName(value)}";
}
