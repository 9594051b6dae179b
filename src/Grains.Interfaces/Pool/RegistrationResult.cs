namespace OrleansProxy.Pool;

/// <summary>What a registration changed.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.RegistrationResult")]
public sealed record RegistrationResult(
    [property: Id(0)] int Added,
    [property: Id(1)] int Unchanged,
    [property: Id(2)] int Retired);
