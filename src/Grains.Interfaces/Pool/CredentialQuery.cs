using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>A filtered, paged listing of credentials for dashboards (10,000 credentials fit many pages).</summary>
/// <param name="Status">Only credentials with this status.</param>
/// <param name="Region">Only credentials in this region.</param>
/// <param name="Family">Only credentials with proven access to this model family.</param>
/// <param name="Offset">Items to skip.</param>
/// <param name="Limit">Most items to return (capped at 500).</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.CredentialQuery")]
public sealed record CredentialQuery(
    [property: Id(0)] CredentialStatus? Status = null,
    [property: Id(1)] string? Region = null,
    [property: Id(2)] string? Family = null,
    [property: Id(3)] int Offset = 0,
    [property: Id(4)] int Limit = 100)
{
    /// <summary>The largest page a query returns.</summary>
    public const int MaxLimit = 500;
}
