using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Testing.FakeBedrock.Control;

/// <summary>Source-generated JSON for the control API: camelCase names, enums as their names.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<RecordedRequest>))]
[JsonSerializable(typeof(RecordedRequest[]))]
[JsonSerializable(typeof(FakeStats))]
[JsonSerializable(typeof(CredentialView))]
[JsonSerializable(typeof(ControlError))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
