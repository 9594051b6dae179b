namespace OrleansProxy.Users;

/// <summary>A user's rate limits; each is optional (null: no limit).</summary>
/// <param name="MaxConcurrent">Requests in flight at once; more wait in the queue, then get 429.</param>
/// <param name="RequestsPerMinute">Requests admitted in any 60 s window.</param>
/// <param name="TokensPerMinute">
/// Input, output and cache tokens used in any 60 s window, answers in flight counting their <c>max_tokens</c> until
/// they end.
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.UserLimits")]
public sealed record UserLimits(
    [property: Id(0)] int? MaxConcurrent = null,
    [property: Id(1)] int? RequestsPerMinute = null,
    [property: Id(2)] long? TokensPerMinute = null)
{
    /// <summary>No limits.</summary>
    public static UserLimits None { get; } = new();
}
