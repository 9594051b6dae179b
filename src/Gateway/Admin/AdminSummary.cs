using OrleansProxy.Credentials;
using OrleansProxy.Models;
using OrleansProxy.Gateway.Info;
using OrleansProxy.Pool;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Admin;

/// <summary>What the dashboard shows above the table: the pool's counts, the filter choices and warnings.</summary>
/// <param name="Pool">The key pool's snapshot (counts by status and family, usage, in flight, ALLOW_AWS_LOGGING).</param>
/// <param name="Statuses">Every credential status, for the status filter.</param>
/// <param name="Families">Every model family, for the family filter.</param>
/// <param name="Warnings">Privacy and configuration warnings to show prominently.</param>
/// <param name="Mode"><c>standalone</c> or <c>cluster</c>.</param>
/// <param name="Costs">Cache use and estimated cost per family.</param>
/// <param name="Prices">The prices in force per family (USD per million tokens), so the page prices each credential.</param>
public sealed record AdminSummary(
    PoolSnapshot Pool,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<string> Families,
    IReadOnlyList<string> Warnings,
    string Mode,
    IReadOnlyList<FamilyCost> Costs,
    IReadOnlyDictionary<string, ModelPrice> Prices)
{
    /// <summary>Builds the summary from the pool's snapshot.</summary>
    public static AdminSummary Build(PoolSnapshot pool, bool openProxy, string mode, PriceTable? prices = null)
    {
        prices ??= PriceTable.Default;
        var warnings = new List<string>();
        if (pool.AllowAwsLogging)
        {
            warnings.Add("ALLOW_AWS_LOGGING is on: credentials whose AWS account logs prompts and completions (or whose logging status is unknown) are used. Prompts may be logged by the AWS account owners.");
        }

        if (openProxy)
        {
            warnings.Add("PROXY_KEY is not set: this is an open proxy; anyone who can reach it can use its credentials.");
        }

        foreach (var family in pool.Families.Where(f => f.DailyQuotaExhausted > 0))
        {
            warnings.Add($"{family.Family}: {family.DailyQuotaExhausted} credential(s) spent their AWS account's daily token quota; the first is usable again at {family.DailyQuotaResetsAt:u}.");
        }

        var costs = pool.Families.Select(f => FamilyCost.Of(f.Family, f.Usage, prices)).ToList();
        return new AdminSummary(pool, Enum.GetNames<CredentialStatus>(), ModelCatalog.Families, warnings, mode, costs, prices.Prices);
    }
}
