using OrleansProxy.Usage;

namespace OrleansProxy.Users;

/// <summary>A request of the user ended: its slot is free, and what Bedrock billed for it is counted.</summary>
/// <param name="SlotId">The slot admitted.</param>
/// <param name="Family">The model family the tokens belong to.</param>
/// <param name="Tokens">What Bedrock billed (zero when no answer came).</param>
/// <param name="EndedAt">When the request ended, for the per-day usage.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.SlotRelease")]
public sealed record SlotRelease(
    [property: Id(0)] Guid SlotId,
    [property: Id(1)] string Family,
    [property: Id(2)] TokenUsage Tokens,
    [property: Id(3)] DateTimeOffset EndedAt);
