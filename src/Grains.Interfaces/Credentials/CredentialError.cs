namespace OrleansProxy.Credentials;

/// <summary>The latest error a credential met, sanitised (no secret, no signature, bounded length).</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.CredentialError")]
public sealed record CredentialError(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Message);
