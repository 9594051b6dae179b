using OrleansProxy.Gateway.Admin;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>The admin API's reads of users: a page of the list, one user.</summary>
public static class UserReads
{
    /// <summary>How many user grains a page asks for their views at once.</summary>
    public const int ViewParallelism = 32;

    /// <summary>
    /// <c>GET /admin/api/users?search=&amp;disabled=&amp;after=&amp;limit=</c> → <c>{"users":[…],"next","total"}</c>: the index
    /// pages (cursor = the last id), then each user on the page reports its view (usage, limits) in parallel.
    /// <c>total</c> counts every user that matches the filters, on every page.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var (query, problems) = UserListQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return AdminErrors.Invalid(problems);
        }

        var pageTask = UserDirectory.PageAsync(grains, query);
        var totalTask = UserDirectory.CountAsync(grains, query);
        var (rows, more) = await pageTask;
        var total = await totalTask;
        var views = new UserView?[rows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ViewParallelism, CancellationToken = http.RequestAborted },
            async (i, _) => views[i] = await grains.GetGrain<IUserGrain>(rows[i].Id).GetAsync());

        return new UserJsonResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("users");
            // A user deleted between the index read and its view is left out rather than shown half.
            foreach (var view in views)
            {
                if (view is not null)
                {
                    UserJson.Write(w, view);
                }
            }

            w.WriteEndArray();
            if (more)
            {
                w.WriteString("next", rows[^1].Id);
            }
            else
            {
                w.WriteNull("next");
            }

            w.WriteNumber("total", total);
            w.WriteEndObject();
        });
    }

    /// <summary><c>GET /admin/api/users/{id}</c>.</summary>
    public static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        await UserLookup.FindAsync(grains, id) is { } view ? UserJsonResult.Of(view) : AdminErrors.UserNotFound(id);
}
