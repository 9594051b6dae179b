using OrleansProxy.Credentials;

namespace OrleansProxy.Gateway.Admin;

/// <summary>One page of credentials with each one's full state from its grain.</summary>
/// <param name="Total">Credentials matching the filter, across all pages.</param>
/// <param name="Offset">Credentials skipped before this page.</param>
/// <param name="Limit">The page size asked for.</param>
/// <param name="Items">This page, in registration order.</param>
public sealed record CredentialListing(int Total, int Offset, int Limit, IReadOnlyList<CredentialSnapshot> Items);
