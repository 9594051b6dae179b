namespace OrleansProxy.Credentials;

/// <summary>Cumulative usage of one model family through one credential. Every field only grows.</summary>
[GenerateSerializer, Immutable, Alias("OrleansProxy.FamilyUsage")]
public sealed record FamilyUsage(
    [property: Id(0)] long Requests,
    [property: Id(1)] long InputTokens,
    [property: Id(2)] long OutputTokens,
    [property: Id(3)] long Errors,
    [property: Id(4)] long Throttles)
{
    /// <summary>No usage.</summary>
    public static FamilyUsage Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The field-wise maximum: merging two views of a growing counter never goes backwards.</summary>
    public FamilyUsage Max(FamilyUsage other) => new(
        Math.Max(Requests, other.Requests),
        Math.Max(InputTokens, other.InputTokens),
        Math.Max(OutputTokens, other.OutputTokens),
        Math.Max(Errors, other.Errors),
        Math.Max(Throttles, other.Throttles));

    /// <summary>The field-wise sum, for totals across credentials.</summary>
    public FamilyUsage Add(FamilyUsage other) => new(
        Requests + other.Requests,
        InputTokens + other.InputTokens,
        OutputTokens + other.OutputTokens,
        Errors + other.Errors,
        Throttles + other.Throttles);
}
