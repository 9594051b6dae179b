using OrleansProxy.Gateway.Auth;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>Names a user grain only for ids of the right shape, so a typo or a probe never activates a grain.</summary>
public static class UserLookup
{
    /// <summary>The user's grain, or null when <paramref name="id"/> is not a user id.</summary>
    public static IUserGrain? Grain(IGrainFactory grains, string id) =>
        UserTokens.IsUserId(id) ? grains.GetGrain<IUserGrain>(id) : null;

    /// <summary>The user's view, or null when the id is malformed or no such user exists.</summary>
    public static async Task<UserView?> FindAsync(IGrainFactory grains, string id) =>
        Grain(grains, id) is { } grain ? await grain.GetAsync() : null;
}
