namespace OrleansProxy.Users;

/// <summary>At most <paramref name="Tokens"/> tokens (input, output and cache) of a family per period.</summary>
/// <param name="Family">A model family (<c>claude-sonnet-4-5</c>) or <c>*</c> for every family together.</param>
/// <param name="Period">The period the quota covers.</param>
/// <param name="Tokens">The quota.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.TokenQuota")]
public sealed record TokenQuota(
    [property: Id(0)] string Family,
    [property: Id(1)] UsagePeriod Period,
    [property: Id(2)] long Tokens)
{
    /// <summary>The family name that stands for every family.</summary>
    public const string AnyFamily = "*";

    /// <summary>Whether the quota counts usage of <paramref name="family"/>.</summary>
    public bool Covers(string family) => Family == AnyFamily || Family == family;
}
