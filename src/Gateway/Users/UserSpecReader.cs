using System.Globalization;
using System.Text.Json;
using OrleansProxy.Models;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// Reads a create body, or a JSON merge patch (RFC 7396: absent keeps, null clears) on an existing spec, into a
/// <see cref="UserSpec"/>, reporting every problem at once so an operator fixes a body in one round.
/// </summary>
public static class UserSpecReader
{
    /// <summary>The longest name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The most quotas, budgets or allowed families one user may have.</summary>
    public const int MaxEntries = 100;

    private static readonly string[] Fields = ["name", "expiresAt", "allowedFamilies", "limits", "quotas", "budgets"];

    /// <summary>
    /// The spec <paramref name="body"/> describes, applied over <paramref name="current"/> (null: a create, where
    /// <c>name</c> is required), or the problems found (then the spec is null).
    /// </summary>
    public static (UserSpec? Spec, IReadOnlyList<string> Problems) Read(JsonElement body, UserSpec? current, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, ["The body must be a JSON object."]);
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add($"'{Truncate(property.Name)}' is not a user field (expected one of {string.Join(", ", Fields)}).");
            }
        }

        var name = ReadName(body, current, problems);
        var expiresAt = Has(body, "expiresAt", out var expiry) ? ReadExpiry(expiry, now, problems) : current?.ExpiresAt;
        var families = Has(body, "allowedFamilies", out var allowed) ? ReadFamilies(allowed, problems) : current?.AllowedFamilies;
        var limits = Has(body, "limits", out var limitsElement)
            ? ReadLimits(limitsElement, current?.Limits ?? UserLimits.None, problems)
            : current?.Limits ?? UserLimits.None;
        var quotas = Has(body, "quotas", out var quotasElement) ? ReadQuotas(quotasElement, problems) : current?.Quotas ?? [];
        var budgets = Has(body, "budgets", out var budgetsElement) ? ReadBudgets(budgetsElement, problems) : current?.Budgets ?? [];
        return problems.Count > 0 ? (null, problems) : (new UserSpec(name!, expiresAt, families, limits, quotas, budgets), problems);
    }

    /// <summary>Whether <paramref name="family"/> is a family this proxy knows: the catalogue's, or one its rules resolve.</summary>
    public static bool IsKnownFamily(string family) =>
        ModelCatalog.Families.Contains(family, StringComparer.Ordinal)
        || (ModelCatalog.TryResolve(family, out var resolved) && resolved.Family == family);

    private static bool Has(JsonElement body, string name, out JsonElement value) => body.TryGetProperty(name, out value);

    private static string? ReadName(JsonElement body, UserSpec? current, List<string> problems)
    {
        if (!Has(body, "name", out var element))
        {
            if (current is null)
            {
                problems.Add("name is required.");
            }

            return current?.Name;
        }

        var name = element.ValueKind == JsonValueKind.String ? element.GetString()!.Trim() : null;
        if (name is not { Length: > 0 and <= MaxNameLength })
        {
            problems.Add($"name must be a string of 1 to {MaxNameLength} characters.");
            return null;
        }

        return name;
    }

    private static DateTimeOffset? ReadExpiry(JsonElement element, DateTimeOffset now, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expiresAt))
        {
            problems.Add("expiresAt must be an ISO-8601 timestamp such as \"2027-01-01T00:00:00Z\", or null.");
            return null;
        }

        if (expiresAt <= now)
        {
            problems.Add($"expiresAt ({UserJson.FormatTime(expiresAt)}) must be in the future.");
        }

        return expiresAt.ToUniversalTime();
    }

    private static IReadOnlyList<string>? ReadFamilies(JsonElement element, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > MaxEntries)
        {
            problems.Add($"allowedFamilies must be an array of at most {MaxEntries} model families, or null for all.");
            return null;
        }

        var families = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var family = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (family is null || !IsKnownFamily(family))
            {
                problems.Add($"allowedFamilies[{index}] {Describe(item)} is not a known model family ({FamilyHint(family)}).");
            }
            else if (!families.Contains(family, StringComparer.Ordinal))
            {
                families.Add(family);
            }

            index++;
        }

        return families.Count == 0 ? null : families;
    }

    private static UserLimits ReadLimits(JsonElement element, UserLimits current, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return UserLimits.None;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add("limits must be an object {\"maxConcurrent\",\"requestsPerMinute\",\"tokensPerMinute\"}, or null.");
            return current;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is not ("maxConcurrent" or "requestsPerMinute" or "tokensPerMinute"))
            {
                problems.Add($"limits.{Truncate(property.Name)} is not a limit (expected maxConcurrent, requestsPerMinute, tokensPerMinute).");
            }
        }

        return new UserLimits(
            (int?)ReadLimit(element, "maxConcurrent", current.MaxConcurrent, int.MaxValue, problems),
            (int?)ReadLimit(element, "requestsPerMinute", current.RequestsPerMinute, int.MaxValue, problems),
            ReadLimit(element, "tokensPerMinute", current.TokensPerMinute, long.MaxValue, problems));
    }

    private static long? ReadLimit(JsonElement limits, string name, long? current, long max, List<string> problems)
    {
        if (!limits.TryGetProperty(name, out var element))
        {
            return current;
        }

        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!TryPositive(element, max, out var value))
        {
            problems.Add($"limits.{name} must be a whole number from 1 to {max}, or null for no limit.");
            return null;
        }

        return value;
    }

    private static IReadOnlyList<TokenQuota> ReadQuotas(JsonElement element, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > MaxEntries)
        {
            problems.Add($"quotas must be an array of at most {MaxEntries} {{\"family\",\"period\",\"tokens\"}} objects, or null.");
            return [];
        }

        var quotas = new List<TokenQuota>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"quotas[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{at} must be an object {{\"family\",\"period\",\"tokens\"}}.");
                continue;
            }

            var family = item.TryGetProperty("family", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : null;
            var familyOk = family is not null && (family == TokenQuota.AnyFamily || IsKnownFamily(family));
            if (!familyOk)
            {
                problems.Add($"{at}.family must be \"*\" or a known model family ({FamilyHint(family)}).");
            }

            var periodOk = TryPeriod(item, out var period);
            if (!periodOk)
            {
                problems.Add($"{at}.period must be day, week, month or total.");
            }

            var tokensOk = item.TryGetProperty("tokens", out var t) && TryPositive(t, long.MaxValue, out var tokens);
            if (!tokensOk)
            {
                problems.Add($"{at}.tokens must be a whole number above 0.");
            }

            if (familyOk && periodOk && tokensOk)
            {
                var quota = new TokenQuota(family!, period, t.GetInt64());
                if (quotas.Any(q => q.Family == quota.Family && q.Period == quota.Period))
                {
                    problems.Add($"{at} repeats the quota on {quota.Family} per {UsagePeriods.Name(period)}.");
                }
                else
                {
                    quotas.Add(quota);
                }
            }
        }

        return quotas;
    }

    private static IReadOnlyList<UsdBudget> ReadBudgets(JsonElement element, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > MaxEntries)
        {
            problems.Add($"budgets must be an array of at most {MaxEntries} {{\"period\",\"usd\"}} objects, or null.");
            return [];
        }

        var budgets = new List<UsdBudget>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"budgets[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{at} must be an object {{\"period\",\"usd\"}}.");
                continue;
            }

            var periodOk = TryPeriod(item, out var period);
            if (!periodOk)
            {
                problems.Add($"{at}.period must be day, week, month or total.");
            }

            var usd = 0m;
            var usdOk = item.TryGetProperty("usd", out var u) && u.ValueKind == JsonValueKind.Number && u.TryGetDecimal(out usd) && usd > 0;
            if (!usdOk)
            {
                problems.Add($"{at}.usd must be a number above 0.");
            }

            if (periodOk && usdOk)
            {
                if (budgets.Any(b => b.Period == period))
                {
                    problems.Add($"{at} repeats the budget per {UsagePeriods.Name(period)}.");
                }
                else
                {
                    budgets.Add(new UsdBudget(period, usd));
                }
            }
        }

        return budgets;
    }

    private static bool TryPeriod(JsonElement item, out UsagePeriod period)
    {
        period = UsagePeriod.Total;
        return item.TryGetProperty("period", out var p) && p.ValueKind == JsonValueKind.String && UsagePeriods.TryParse(p.GetString(), out period);
    }

    private static bool TryPositive(JsonElement element, long max, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value) && value > 0 && value <= max;
    }

    private static string FamilyHint(string? family) =>
        family is not null && ModelCatalog.TryResolve(family, out var resolved)
            ? $"'{Truncate(family)}' is a model of family {resolved.Family}"
            : "GET /admin/api/summary lists the families";

    private static string Describe(JsonElement item) =>
        item.ValueKind == JsonValueKind.String ? $"'{Truncate(item.GetString()!)}'" : $"({item.ValueKind.ToString().ToLowerInvariant()})";

    private static string Truncate(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
