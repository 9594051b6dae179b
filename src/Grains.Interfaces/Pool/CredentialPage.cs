using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>One page of a credential listing.</summary>
/// <param name="Total">Credentials matching the filter, across all pages.</param>
/// <param name="Items">This page's credentials, in registration order.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.CredentialPage")]
public sealed record CredentialPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<CredentialDescriptor> Items);
