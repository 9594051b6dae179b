using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansProxy.Gateway.Admin;

/// <summary>The admin API's JSON conventions: camelCase, enums as their names.</summary>
public static class AdminJson
{
    /// <summary>The serializer options every admin answer uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
