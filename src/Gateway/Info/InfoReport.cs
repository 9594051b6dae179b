using OrleansProxy.Credentials;
using OrleansProxy.Pool;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Info;

/// <summary>What the info page says, as data: counts and settings only, never a secret or an access key id.</summary>
public sealed record InfoReport(
    double UptimeSeconds,
    string Mode,
    InfoEndpointUrls Endpoints,
    bool OpenProxy,
    bool AllowAwsLogging,
    IReadOnlyList<string> Warnings,
    int Credentials,
    IReadOnlyDictionary<string, int> CredentialsByStatus,
    IReadOnlyList<FamilyPoolStats> Families,
    FamilyUsage Totals,
    int InFlight,
    int QueueWaiting,
    double EstimatedWaitSeconds)
{
    /// <summary>Cache use and estimated cost per family (priced with <c>PRICES</c> or Anthropic's list prices).</summary>
    public IReadOnlyList<FamilyCost> Costs { get; init; } = [];

    /// <summary>The estimated cost of every priced family's usage, in US dollars.</summary>
    public decimal EstimatedCostUsd { get; init; }

    /// <summary>Families with usage but no price: their cost is not in <see cref="EstimatedCostUsd"/>.</summary>
    public IReadOnlyList<string> UnpricedFamilies { get; init; } = [];

    /// <summary>Who may call the API: <c>none</c>, <c>proxy_key</c> or <c>user_token</c> (GATEKEEPER).</summary>
    public string Gatekeeper { get; init; } = "none";

    /// <summary>Builds the report from the pool's snapshot and this gateway's state.</summary>
    public static InfoReport Build(
        PoolSnapshot pool, InfoEndpointUrls endpoints, TimeSpan uptime, string mode, bool openProxy, int waiting, TimeSpan estimatedWait,
        PriceTable? prices = null)
    {
        prices ??= PriceTable.Default;
        var warnings = new List<string>();
        if (pool.AllowAwsLogging)
        {
            warnings.Add("ALLOW_AWS_LOGGING is on: credentials whose AWS account logs prompts and completions (or whose logging status is unknown) are used. Your prompts may be logged by AWS account owners.");
        }

        if (openProxy)
        {
            warnings.Add("PROXY_KEY is not set: this is an open proxy; anyone who can reach it can use its credentials.");
        }

        if (pool.Credentials == 0)
        {
            warnings.Add("No AWS credentials are configured (AWS_CREDENTIALS is empty).");
        }

        foreach (var family in pool.Families.Where(f => f.DailyQuotaExhausted > 0))
        {
            warnings.Add($"{family.Family}: {family.DailyQuotaExhausted} credential(s) spent their AWS account's daily token quota; the first is usable again at {family.DailyQuotaResetsAt:u}.");
        }

        var totals = pool.Families.Aggregate(FamilyUsage.Zero, (sum, f) => sum.Add(f.Usage));
        var costs = pool.Families.Select(f => FamilyCost.Of(f.Family, f.Usage, prices)).ToList();
        return new InfoReport(
            Math.Round(uptime.TotalSeconds, 1),
            mode,
            endpoints,
            openProxy,
            pool.AllowAwsLogging,
            warnings,
            pool.Credentials,
            pool.ByStatus.ToDictionary(p => p.Key.ToString(), p => p.Value),
            pool.Families,
            totals,
            pool.InFlight,
            waiting,
            Math.Round(estimatedWait.TotalSeconds, 1))
        {
            Costs = costs,
            EstimatedCostUsd = costs.Sum(c => c.EstimatedCostUsd ?? 0),
            UnpricedFamilies = [.. pool.Families.Where(f => f.Usage.Requests > 0 && !prices.TryGet(f.Family, out _)).Select(f => f.Family)],
        };
    }
}

/// <summary>The URLs clients point their SDKs at.</summary>
/// <param name="Anthropic">Base URL for Anthropic SDKs (they append <c>/v1/messages</c>).</param>
/// <param name="OpenAi">Base URL for OpenAI SDKs (they append <c>/chat/completions</c>).</param>
public sealed record InfoEndpointUrls(string Anthropic, string OpenAi);
