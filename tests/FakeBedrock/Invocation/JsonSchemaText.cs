using System.Collections.Frozen;
using System.Text.Json;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>
/// Bedrock validates Anthropic bodies with a JSON-schema validator and reports violations in its
/// words (<c>#/max_tokens: expected type: Integer, found: String</c>); these helpers speak them.
/// </summary>
internal static class JsonSchemaText
{
    /// <summary>
    /// The object-level checks both Anthropic schemas share: every required key present, no key
    /// outside the schema, and each present value checked by <paramref name="checkValue"/>.
    /// </summary>
    public static List<string> CheckObject(
        JsonElement root,
        string[] requiredKeys,
        FrozenSet<string> allowedKeys,
        Func<string, JsonElement, string?> checkValue)
    {
        var violations = new List<string>();
        foreach (var key in requiredKeys)
        {
            if (!root.TryGetProperty(key, out _))
            {
                violations.Add($"#: required key [{key}] not found");
            }
        }

        foreach (var property in root.EnumerateObject())
        {
            var violation = allowedKeys.Contains(property.Name)
                ? checkValue(property.Name, property.Value)
                : $"#: extraneous key [{property.Name}] is not permitted";
            if (violation is not null)
            {
                violations.Add(violation);
            }
        }

        return violations;
    }

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
