using System.Globalization;
using OrleansProxy.Credentials;
using OrleansProxy.Models;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Admin;

/// <summary>Reads <c>status</c>, <c>region</c>, <c>family</c>, <c>offset</c> and <c>limit</c> from a query string.</summary>
public static class CredentialListQuery
{
    /// <summary>The page size when <c>limit</c> is absent.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The query for the pool, or a message naming the bad parameter.</summary>
    public static (CredentialQuery? Query, string? Problem) Parse(IQueryCollection query)
    {
        CredentialStatus? status = null;
        if (Value(query, "status") is { } statusText)
        {
            if (!Enum.TryParse<CredentialStatus>(statusText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
                || int.TryParse(statusText, out _))
            {
                return (null, $"status must be one of {string.Join(", ", Enum.GetNames<CredentialStatus>())}.");
            }

            status = parsed;
        }

        var family = Value(query, "family");
        if (family is not null && !ModelCatalog.Families.Contains(family, StringComparer.Ordinal))
        {
            return (null, $"family must be one of {string.Join(", ", ModelCatalog.Families)}.");
        }

        var region = Value(query, "region");
        if (region is { Length: > 32 })
        {
            return (null, "region is too long.");
        }

        if (!TryInt(query, "offset", 0, 0, int.MaxValue, out var offset))
        {
            return (null, "offset must be a whole number, 0 or more.");
        }

        if (!TryInt(query, "limit", DefaultLimit, 1, CredentialQuery.MaxLimit, out var limit))
        {
            return (null, $"limit must be a whole number from 1 to {CredentialQuery.MaxLimit}.");
        }

        return (new CredentialQuery(status, region, family, offset, limit), null);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query[name].ToString().Trim() is { Length: > 0 } value ? value : null;

    private static bool TryInt(IQueryCollection query, string name, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return Value(query, name) is not { } text
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
