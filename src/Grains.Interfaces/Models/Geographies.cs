namespace OrleansProxy.Models;

/// <summary>
/// Cross-region inference geographies. A profile such as <c>us.anthropic...</c> may only be called from a
/// source region inside its geography; <c>global.</c> from any commercial region.
/// </summary>
public static class Geographies
{
    /// <summary>Every profile prefix Bedrock uses for Claude, longest first so <c>us-gov</c> wins over <c>us</c>.</summary>
    public static IReadOnlyList<string> All { get; } = ["us-gov", "global", "apac", "us", "eu", "jp", "au"];

    /// <summary>Whether a credential in <paramref name="region"/> may call a profile of <paramref name="geography"/>.</summary>
    public static bool Contains(string geography, string region) => geography switch
    {
        "us" => region.StartsWith("us-", StringComparison.Ordinal) && !IsGov(region),
        "us-gov" => IsGov(region),
        "eu" => region.StartsWith("eu-", StringComparison.Ordinal),
        "apac" => region.StartsWith("ap-", StringComparison.Ordinal),
        "jp" => region is "ap-northeast-1" or "ap-northeast-3",
        "au" => region is "ap-southeast-2" or "ap-southeast-4",
        "global" => !IsGov(region) && !region.StartsWith("cn-", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// The profile geography a credential in <paramref name="region"/> uses for a profile-only model: the
    /// narrowest one the model offers that contains the region (data stays closest to home), else null.
    /// </summary>
    public static string? ProfileFor(BedrockModel model, string region) => Narrowest(model.ProfileGeographies, region);

    /// <summary>The narrowest of <paramref name="geographies"/> that contains <paramref name="region"/>, else null.</summary>
    public static string? Narrowest(IEnumerable<string> geographies, string region)
    {
        string? best = null;
        foreach (var geography in geographies)
        {
            if (!Contains(geography, region))
            {
                continue;
            }

            if (best is null || Rank(geography) < Rank(best))
            {
                best = geography;
            }
        }

        return best;
    }

    private static int Rank(string geography) => geography switch
    {
        "jp" or "au" => 0,
        "global" => 2,
        _ => 1,
    };

    private static bool IsGov(string region) => region.StartsWith("us-gov-", StringComparison.Ordinal);
}
