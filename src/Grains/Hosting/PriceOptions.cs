using OrleansProxy.Usage;

namespace OrleansProxy.Hosting;

/// <summary>The prices behind estimated costs and budgets. Bound from the <c>Usage</c> section.</summary>
public sealed class PriceOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Usage";

    /// <summary>
    /// Price overrides (<c>PRICES</c>, or <c>Usage:Prices</c>): <c>family=input/output[/cacheWrite5m/cacheWrite1h/cacheRead]</c>,
    /// comma-separated, USD per million tokens. Default: none, Anthropic's list prices (<see cref="PriceTable.Default"/>).
    /// </summary>
    public string? Prices { get; set; }

    /// <summary>The table in force: the defaults with <see cref="Prices"/> applied.</summary>
    public PriceTable Table => PriceTable.Parse(Prices, out _);

    /// <summary>Every problem with the values, for start-up validation.</summary>
    public IEnumerable<string> Validate()
    {
        PriceTable.Parse(Prices, out var problems);
        return problems;
    }
}
