using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>The pool's persisted state: which credentials exist and which were retired.</summary>
[GenerateSerializer, Alias("OrleansProxy.KeyPoolState")]
public sealed class KeyPoolState
{
    /// <summary>Registered credentials by id, in registration order.</summary>
    [Id(0)] public Dictionary<string, CredentialDescriptor> Registered { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Ids retired by an operator or dropped from the configuration; registration skips them.</summary>
    [Id(1)] public HashSet<string> Retired { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Retired ids whose grain has not yet confirmed it retired; retried until it does.</summary>
    [Id(2)] public HashSet<string> RetirePending { get; set; } = new(StringComparer.Ordinal);
}
