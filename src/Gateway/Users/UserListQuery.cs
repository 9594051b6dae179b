using System.Globalization;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>Reads <c>search</c>, <c>disabled</c>, <c>after</c> and <c>limit</c> from <c>GET /admin/api/users</c>'s query string.</summary>
public static class UserListQuery
{
    /// <summary>The page size when <c>limit</c> is absent.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 500;

    /// <summary>The index query, or the problems with the parameters (all of them).</summary>
    public static (UserQuery? Query, IReadOnlyList<string> Problems) Parse(IQueryCollection query)
    {
        var problems = new List<string>();
        var search = Value(query, "search");
        if (search is { Length: > 200 })
        {
            problems.Add("search must be at most 200 characters.");
        }

        bool? disabled = null;
        if (Value(query, "disabled") is { } disabledText)
        {
            if (bool.TryParse(disabledText, out var parsed))
            {
                disabled = parsed;
            }
            else
            {
                problems.Add("disabled must be true or false.");
            }
        }

        // Any string is a valid cursor (ids compare ordinally), but one longer than an id is a mistake.
        var after = Value(query, "after");
        if (after is { Length: > 64 })
        {
            problems.Add("after must be a user id (the previous page's next).");
        }

        var limit = DefaultLimit;
        if (Value(query, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            problems.Add($"limit must be a whole number from 1 to {MaxLimit}.");
        }

        return problems.Count > 0 ? (null, problems) : (new UserQuery(after, limit, search, disabled), problems);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query[name].ToString().Trim() is { Length: > 0 } value ? value : null;
}
