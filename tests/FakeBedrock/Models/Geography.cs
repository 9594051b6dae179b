namespace OrleansProxy.Testing.FakeBedrock.Models;

/// <summary>
/// Cross-region inference geographies. A profile id is a geography prefix plus a base id
/// (<c>us.anthropic…</c>), and a key may use it only from a source region inside that geography.
/// </summary>
internal static class Geography
{
    public static readonly string[] Prefixes = ["us-gov", "us", "eu", "apac", "jp", "au", "global"];

    public static bool Contains(string geography, string region) => geography switch
    {
        "us-gov" => region.StartsWith("us-gov-", StringComparison.Ordinal),
        "us" => region.StartsWith("us-", StringComparison.Ordinal) && !region.StartsWith("us-gov-", StringComparison.Ordinal),
        "eu" => region.StartsWith("eu-", StringComparison.Ordinal),
        "apac" => region.StartsWith("ap-", StringComparison.Ordinal),
        "jp" => region is "ap-northeast-1" or "ap-northeast-3",
        "au" => region is "ap-southeast-2" or "ap-southeast-4",
        "global" => IsCommercial(region),
        _ => false,
    };

    // Global profiles route among commercial regions only: not GovCloud, not China.
    private static bool IsCommercial(string region) =>
        !region.StartsWith("us-gov-", StringComparison.Ordinal) && !region.StartsWith("cn-", StringComparison.Ordinal);

    /// <summary>Splits <c>us.anthropic.claude…</c> into (<c>us</c>, <c>anthropic.claude…</c>); a base id yields a null geography.</summary>
    public static (string? Geography, string BaseId) Split(string modelId)
    {
        foreach (var prefix in Prefixes)
        {
            if (modelId.Length > prefix.Length + 1
                && modelId[prefix.Length] == '.'
                && modelId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (prefix, modelId[(prefix.Length + 1)..]);
            }
        }

        return (null, modelId);
    }
}
