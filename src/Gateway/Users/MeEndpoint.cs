using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// <c>GET /v1/me</c>: the calling user's own limits, usage, quotas and budgets left and their resets, from its grain,
/// and nothing about anyone else (the grain answers only to the caller's current token hash).
/// </summary>
public static class MeEndpoint
{
    /// <summary>Maps the route under <paramref name="prefix"/> (<c>/v1</c> or none).</summary>
    public static void Map(RouteGroupBuilder api, string prefix) =>
        api.MapGet(prefix + "/me", GetAsync)
            .WithName("Me" + prefix.Replace("/", "", StringComparison.Ordinal))
            .WithSummary("The calling user's limits, usage, quotas and budgets")
            .WithMetadata(new ClientDialectMetadata(ClientDialect.AnthropicMessages));

    private static async Task<IResult> GetAsync(HttpContext http, GrainReferences grains)
    {
        if (CallerUser.Of(http) is not { } caller)
        {
            return Gatekeeper.Refuse(http, ProxyError.NotFound(
                "This proxy does not have users (GATEKEEPER is not user_token), so there is no /me."), null);
        }

        try
        {
            var view = await GrainCalls.RetryAsync(() => grains.User(caller.UserId).GetSelfAsync(caller.TokenHash), null, http.RequestAborted);
            return view is null
                ? Gatekeeper.Refuse(http, UserErrors.Unknown, null)
                : Results.Bytes(UserJson.ToUtf8(view), "application/json");
        }
        catch (Exception exception) when (GrainCalls.IsTransient(exception))
        {
            return Gatekeeper.Refuse(http, new ProxyError(503, ErrorTypes.Overloaded,
                "The proxy's cluster is unavailable right now (the user's grain did not answer). Retry shortly."), TimeSpan.FromSeconds(1));
        }
    }
}
