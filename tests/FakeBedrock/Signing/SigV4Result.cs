using OrleansProxy.Testing.FakeBedrock.Errors;

namespace OrleansProxy.Testing.FakeBedrock.Signing;

/// <summary>
/// Outcome of checking one request's signature. <see cref="AccessKeyId"/> and <see cref="ScopeRegion"/>
/// are what the Authorization header claimed, filled in as far as parsing got, even on failure.
/// </summary>
public readonly record struct SigV4Result(string? AccessKeyId, string? ScopeRegion, AwsError? Error)
{
    public bool IsValid => Error is null;
}
