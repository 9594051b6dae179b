using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Testing.FakeBedrock.Control;

/// <summary>
/// Applies a JSON behaviour patch (the knobs of <see cref="FakeAccount"/>) to a key. Absent keys
/// leave a knob alone; unknown keys are refused so a typo in a test fails loudly instead of silently
/// doing nothing. Everything is read before anything is applied.
/// </summary>
internal static class BehaviourPatch
{
    // Application order: a reset starts over, and the account id must be set before throttles queue on its quota.
    private static readonly string[] Keys =
    [
        "reset", "account", "logging", "revoked", "throttleNext", "throttleAlways", "throttleMessage",
        "throttleControlPlane", "cacheUsage", "failNext", "fault", "deniedModels", "modelsNotInRegion", "latencyMs",
        "streamChunkDelayMs", "streamChunks", "midStreamException", "cutNext", "denyListFoundationModels",
        "denyListInferenceProfiles",
        // Read by the control API itself: they (re)create the credential before the patch applies.
        "secretAccessKey", "region",
    ];

    private static readonly Action Nothing = static () => { };

    /// <returns>Null when applied; otherwise what was wrong, and nothing was changed.</returns>
    public static string? Apply(JsonElement patch, FakeAccount account)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return "the patch must be a JSON object";
        }

        foreach (var property in patch.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
            {
                return $"'{property.Name}': unknown key";
            }
        }

        var changes = new List<Action>();
        foreach (var key in Keys)
        {
            if (!patch.TryGetProperty(key, out var value))
            {
                continue;
            }

            try
            {
                changes.Add(Read(key, value, patch, account));
            }
            catch (Exception exception) when (exception is FormatException or InvalidOperationException or KeyNotFoundException)
            {
                return $"'{key}': {exception.Message}";
            }
        }

        changes.ForEach(change => change());
        return null;
    }

    private static Action Read(string key, JsonElement value, JsonElement patch, FakeAccount account) => key switch
    {
        "reset" => value.GetBoolean() ? account.Reset : Nothing,
        "account" => Set(value.ValueKind == JsonValueKind.Null ? null : value.GetString(), v => account.Account = v),
        "logging" => Set(Enum<FakeLoggingMode>(value), v => account.Logging = v),
        "revoked" => Set(value.GetBoolean(), v => account.Revoked = v),
        "throttleNext" => Set(value.GetInt32(), account.ThrottleNext),
        "throttleAlways" => Set(value.GetBoolean(), v => account.ThrottleAlways = v),
        "throttleMessage" => Set(Enum<FakeThrottleMessage>(value), v => account.ThrottleMessage = v),
        "throttleControlPlane" => Set(value.GetBoolean(), v => account.ThrottleControlPlane = v),
        "cacheUsage" => Set(CacheUsage(value), v => account.CacheUsage = v),
        "failNext" => Set((Count: value.GetInt32(), Fault: Fault(patch)), v => account.FailNext(v.Count, v.Fault)),
        "fault" => patch.TryGetProperty("failNext", out _) ? Nothing : throw new FormatException("needs 'failNext'"),
        "deniedModels" => Set(Strings(value), account.DeniedModels.Set),
        "modelsNotInRegion" => Set(Strings(value), account.ModelsNotInRegion.Set),
        "latencyMs" => Set(TimeSpan.FromMilliseconds(value.GetDouble()), v => account.Latency = v),
        "streamChunkDelayMs" => Set(TimeSpan.FromMilliseconds(value.GetDouble()), v => account.StreamChunkDelay = v),
        "streamChunks" => Set(value.ValueKind == JsonValueKind.Null ? (int?)null : value.GetInt32(), v => account.StreamChunks = v),
        "midStreamException" => Set(MidStream(value), v => account.MidStreamException = v),
        "cutNext" => Set(value.GetInt32(), account.CutNext),
        "denyListFoundationModels" => Set(value.GetBoolean(), v => account.DenyListFoundationModels = v),
        "denyListInferenceProfiles" => Set(value.GetBoolean(), v => account.DenyListInferenceProfiles = v),
        _ => Nothing,
    };

    private static Action Set<T>(T value, Action<T> apply) => () => apply(value);

    private static FakeFault Fault(JsonElement patch) =>
        patch.TryGetProperty("fault", out var fault) ? Enum<FakeFault>(fault) : throw new FormatException("needs 'fault'");

    private static T Enum<T>(JsonElement value)
        where T : struct, Enum =>
        System.Enum.TryParse<T>(value.GetString(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new FormatException($"expected one of {string.Join(", ", System.Enum.GetNames<T>())}");

    private static string[] Strings(JsonElement value) =>
        [.. value.EnumerateArray().Select(item => item.GetString() ?? throw new FormatException("null model id"))];

    private static FakeCacheUsage? CacheUsage(JsonElement value) => value.ValueKind == JsonValueKind.Null
        ? null
        : new FakeCacheUsage(
            value.TryGetProperty("readTokens", out var read) ? NonNegative(read.GetInt32()) : 0,
            value.TryGetProperty("writeTokens", out var write) ? NonNegative(write.GetInt32()) : 0);

    private static int NonNegative(int count) => count >= 0 ? count : throw new FormatException("token counts must not be negative");

    private static FakeMidStreamException? MidStream(JsonElement value) => value.ValueKind == JsonValueKind.Null
        ? null
        : new FakeMidStreamException(
            value.GetProperty("exceptionType").GetString() ?? throw new FormatException("'exceptionType' is required"),
            value.TryGetProperty("afterChunks", out var after) ? after.GetInt32() : 0);
}
