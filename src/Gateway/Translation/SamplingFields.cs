using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>The sampling fields Anthropic's two APIs share, copied to Bedrock as sent once their types check out.</summary>
internal static class SamplingFields
{
    private static readonly byte[][] Names =
        ["temperature"u8.ToArray(), "top_p"u8.ToArray(), "top_k"u8.ToArray(), "stop_sequences"u8.ToArray()];

    /// <summary>The canonical name of a sampling field, or empty when <paramref name="property"/> is not one.</summary>
    public static ReadOnlySpan<byte> NameOf(JsonProperty property) => JsonFields.CanonicalName(property, Names);

    /// <summary>Checks a field <see cref="NameOf"/> recognised.</summary>
    public static ProxyError? Validate(ReadOnlySpan<byte> name, JsonElement value)
    {
        if (JsonFields.IsAbsent(value))
        {
            return null;
        }

        if (name.SequenceEqual("stop_sequences"u8))
        {
            return JsonFields.StringList(value, "stop_sequences");
        }

        if (name.SequenceEqual("top_k"u8))
        {
            return JsonFields.Integer(value, "top_k", 0, out _);
        }

        return JsonFields.Number(value, name.SequenceEqual("top_p"u8) ? "top_p" : "temperature");
    }
}
