using System.Globalization;
using OrleansProxy.Gateway.Auth;

namespace OrleansProxy.Gateway.Users;

/// <summary>What <c>GET /admin/api/usage</c> reports: a span of UTC days, the group keys, one user or all, JSON or CSV.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day (inclusive).</param>
/// <param name="GroupBy">The keys rows are grouped by, in the order <c>user</c>, <c>family</c>, <c>day</c>.</param>
/// <param name="User">Only this user, or null for all.</param>
/// <param name="Csv">CSV rather than JSON.</param>
public sealed record UsageReportQuery(DateOnly From, DateOnly To, UsageGroups GroupBy, string? User, bool Csv)
{
    /// <summary>The longest span, in days.</summary>
    public const int MaxDays = 400;

    /// <summary>The span when <c>from</c> is absent, in days up to <c>to</c>.</summary>
    public const int DefaultDays = 30;

    /// <summary>The query, or every problem with the parameters.</summary>
    public static (UsageReportQuery? Query, IReadOnlyList<string> Problems) Parse(HttpRequest request, DateOnly today)
    {
        var query = request.Query;
        var problems = new List<string>();
        var to = ReadDay(query, "to", today, problems);
        var from = ReadDay(query, "from", to.AddDays(1 - DefaultDays), problems);
        if (problems.Count == 0 && from > to)
        {
            problems.Add("from must be on or before to.");
        }
        else if (problems.Count == 0 && to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            problems.Add($"The span from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is longer than {MaxDays} days.");
        }

        var groups = UsageGroups.User | UsageGroups.Family;
        // An empty groupBy= asks for one row of everything; an absent one, the default.
        if (query.ContainsKey("groupBy"))
        {
            var groupText = query["groupBy"].ToString();
            groups = UsageGroups.None;
            foreach (var part in groupText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                groups |= part.ToLowerInvariant() switch
                {
                    "user" => UsageGroups.User,
                    "family" => UsageGroups.Family,
                    "day" => UsageGroups.Day,
                    _ => Problem(problems, $"groupBy: '{(part.Length > 32 ? part[..32] + "…" : part)}' is not user, family or day."),
                };
            }
        }

        var user = Value(query, "user");
        if (user is not null && !UserTokens.IsUserId(user))
        {
            problems.Add("user must be a user id (usr_ and 16 hex digits).");
        }

        var csv = false;
        switch (Value(query, "format")?.ToLowerInvariant())
        {
            case null:
                csv = request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);
                break;
            case "csv":
                csv = true;
                break;
            case "json":
                break;
            default:
                problems.Add("format must be json or csv.");
                break;
        }

        return problems.Count > 0 ? (null, problems) : (new UsageReportQuery(from, to, groups, user, csv), problems);
    }

    private static UsageGroups Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return UsageGroups.None;
    }

    private static DateOnly ReadDay(IQueryCollection query, string name, DateOnly fallback, List<string> problems)
    {
        if (Value(query, name) is not { } text)
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add($"{name} must be a UTC day as YYYY-MM-DD.");
        return fallback;
    }

    private static string? Value(IQueryCollection query, string name) =>
        query[name].ToString().Trim() is { Length: > 0 } value ? value : null;
}

/// <summary>The keys a usage report groups by.</summary>
[Flags]
public enum UsageGroups
{
    /// <summary>One row for everything.</summary>
    None = 0,

    /// <summary>Per user id.</summary>
    User = 1,

    /// <summary>Per model family.</summary>
    Family = 2,

    /// <summary>Per UTC day.</summary>
    Day = 4,
}
