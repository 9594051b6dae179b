using System.Collections.Concurrent;
using OrleansProxy.Gateway.Admin;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// <c>GET /admin/api/usage?from=&amp;to=&amp;groupBy=&amp;user=&amp;format=</c>: users' usage per day and family added into
/// rows. Users come from the index filtered by their last active day, so idle users' grains are never woken.
/// </summary>
public static class UsageReports
{
    /// <summary>How many user grains are asked for their usage at once.</summary>
    public const int Parallelism = 16;

    /// <summary>The handler.</summary>
    public static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        var (query, problems) = UsageReportQuery.Parse(http.Request, UsagePeriods.Day(time.GetUtcNow()));
        if (query is null)
        {
            return AdminErrors.Invalid(problems);
        }

        IAsyncEnumerable<string> users;
        if (query.User is { } only)
        {
            if (await UserLookup.FindAsync(grains, only) is null)
            {
                return AdminErrors.UserNotFound(only);
            }

            users = One(only);
        }
        else
        {
            users = UserIds(grains, query.From, http.RequestAborted);
        }

        var report = new UsageReport(query.GroupBy);
        var counted = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = http.RequestAborted },
            async (id, _) =>
            {
                var usage = await grains.GetGrain<IUserGrain>(id).GetUsageAsync(query.From, query.To);
                if (usage.Count > 0)
                {
                    counted.TryAdd(id, 0);
                    report.Add(id, usage);
                }
            });

        if (query.Csv)
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"usage-{query.From:yyyy-MM-dd}-{query.To:yyyy-MM-dd}.csv\"";
            http.Response.Headers.CacheControl = "no-store";
            return Results.Text(UsageReportWriter.ToCsv(report), "text/csv; charset=utf-8; header=present");
        }

        return new UserJsonResult(w => UsageReportWriter.WriteJson(w, query, report, counted.Count));
    }

    private static async IAsyncEnumerable<string> One(string id)
    {
        await Task.CompletedTask;
        yield return id;
    }

    private static async IAsyncEnumerable<string> UserIds(IGrainFactory grains, DateOnly from,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in UserDirectory.AllAsync(grains, new UserQuery(null, 0, ActiveSince: from), cancellationToken))
        {
            yield return row.Id;
        }
    }
}
