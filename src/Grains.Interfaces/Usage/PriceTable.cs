using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OrleansProxy.Models;

namespace OrleansProxy.Usage;

/// <summary>
/// Prices per model family (USD per million tokens), for estimated costs on the info page, dashboard and metrics and
/// for users' budgets. The defaults are Anthropic's list prices; <c>PRICES</c> overrides or adds families:
/// <c>family=input/output[/cacheWrite5m/cacheWrite1h/cacheRead],…</c>, e.g.
/// <c>PRICES=claude-opus-5-5=4/20,claude-sonnet-5-5=2/10/2.5/4/0.1</c>. With two numbers the cache rates follow
/// Anthropic's multipliers (<see cref="ModelPrice.FromBase"/>). A key may be a family or any model name or id that
/// resolves to one (<c>us.anthropic.claude-opus-5-5</c> prices the <c>claude-opus-5-5</c> family).
/// </summary>
public sealed class PriceTable
{
    private readonly FrozenDictionary<string, ModelPrice> _prices;

    private PriceTable(FrozenDictionary<string, ModelPrice> prices) => _prices = prices;

    /// <summary>Anthropic's published prices for the families this release knows.</summary>
    public static PriceTable Default { get; } = new(DefaultPrices.All.ToFrozenDictionary(StringComparer.Ordinal));

    /// <summary>Family → price, for info pages.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices => _prices;

    /// <summary>The price of <paramref name="family"/>; false for a family nobody priced (its cost is unknown).</summary>
    public bool TryGet(string family, [NotNullWhen(true)] out ModelPrice? price) => _prices.TryGetValue(family, out price);

    /// <summary>The estimated cost of <paramref name="usage"/> of <paramref name="family"/> in US dollars, or null when unpriced.</summary>
    public decimal? Cost(string family, TokenUsage usage) => TryGet(family, out var price) ? price.Cost(usage) : null;

    /// <summary>This table with <paramref name="overrides"/> replacing or adding families.</summary>
    public PriceTable With(IEnumerable<KeyValuePair<string, ModelPrice>> overrides)
    {
        var prices = new Dictionary<string, ModelPrice>(_prices, StringComparer.Ordinal);
        foreach (var (family, price) in overrides)
        {
            prices[family] = price;
        }

        return new PriceTable(prices.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// The defaults with the overrides in <paramref name="text"/> (the <c>PRICES</c> format); every problem is
    /// reported at once, and then the defaults alone are returned (start-up validation fails on the problems).
    /// </summary>
    public static PriceTable Parse(string? text, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        problems = errors;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        var overrides = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? "" : item[..equals].Trim();
            var rates = equals < 0 ? "" : item[(equals + 1)..].Trim();
            if (name.Length == 0 || rates.Length == 0)
            {
                errors.Add($"PRICES: '{item}' is not family=input/output[/cacheWrite5m/cacheWrite1h/cacheRead].");
            }
            else if (!TryFamily(name, out var family))
            {
                errors.Add($"PRICES: '{name}' is not a Claude model family, name or id.");
            }
            else if (!TryRates(rates, out var price))
            {
                errors.Add($"PRICES: the price of '{name}' ('{rates}') must be 2 or 5 non-negative numbers separated by '/' (USD per million tokens: input/output or input/output/cacheWrite5m/cacheWrite1h/cacheRead).");
            }
            else if (!overrides.TryAdd(family, price))
            {
                errors.Add($"PRICES: family '{family}' is priced twice.");
            }
        }

        return errors.Count == 0 ? Default.With(overrides) : Default;
    }

    private static bool TryFamily(string name, [NotNullWhen(true)] out string? family)
    {
        family = ModelCatalog.TryResolve(name, out var resolved) ? resolved.Family
            : ModelCatalog.Families.Contains(name) || DefaultPrices.All.Any(p => p.Key == name) ? name
            : null;
        return family is not null;
    }

    private static bool TryRates(string text, [NotNullWhen(true)] out ModelPrice? price)
    {
        price = null;
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        var values = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!decimal.TryParse(parts[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out values[i]))
            {
                return false;
            }
        }

        price = values.Length switch
        {
            2 => ModelPrice.FromBase(values[0], values[1]),
            5 => new ModelPrice(values[0], values[1], values[2], values[3], values[4]),
            _ => null,
        };
        return price is not null;
    }
}
