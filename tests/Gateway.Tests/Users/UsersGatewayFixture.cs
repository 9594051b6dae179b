using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Tests.Admin;
using OrleansProxy.Gateway.Tests.EndToEnd;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Tests.Users;

/// <summary>A standalone gateway in <c>GATEKEEPER=user_token</c> mode whose every log entry is recorded.</summary>
public sealed class UsersGatewayFixture : GatewayFixture
{
    public RecordingLoggerProvider Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["PROXY_KEY"] = "",
        ["GATEKEEPER"] = "user_token",
    };

    protected override void ConfigureWeb(IWebHostBuilder web) =>
        web.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<RecordingLoggerProvider>(level => level >= LogLevel.Debug));

    /// <summary>Creates a user straight in its grain (the admin API does the same) and returns its id and token.</summary>
    public async Task<(string Id, string Token, IUserGrain User)> CreateUserAsync(
        UserLimits? limits = null, IReadOnlyList<string>? families = null, IReadOnlyList<TokenQuota>? quotas = null,
        DateTimeOffset? expiresAt = null)
    {
        var id = UserTokens.NewUserId();
        var token = UserTokens.Generate();
        var user = Grains.GetGrain<IUserGrain>(id);
        await user.CreateAsync(new UserSpec("user " + id, expiresAt, families, limits ?? UserLimits.None, quotas ?? [], []), UserTokens.Hash(token));
        return (id, token, user);
    }
}

[CollectionDefinition(Name)]
public sealed class UsersGatewayCollection : ICollectionFixture<UsersGatewayFixture>
{
    public const string Name = "gateway-users";
}
