using OrleansProxy.Credentials;
using OrleansProxy.Pool;
using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Cluster.Tests;

/// <summary>CountTokens picks: the invoke path's candidates, outside its throttle bookkeeping.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CountTokensPickTests(ProxyClusterFixture fixture) : IAsyncLifetime
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string HaikuProfile = "us.anthropic.claude-3-haiku-20240307-v1:0";
    private static readonly string[] NoExclusions = [];

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<LeaseResult> PickAsync(string model = Haiku) =>
        fixture.Pool.AcquireAsync(new LeaseRequest(model, NoExclusions, LeaseKind.CountTokens));

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task CountPick_TakesNoInFlightSlot_RotatesAndNamesTheBareModel()
    {
        var credentials = new[] { fixture.NewCredential(), fixture.NewCredential() };
        await fixture.RegisterAsync(credentials);

        var picks = new List<Lease>();
        for (var i = 0; i < 10; i++)
        {
            picks.Add((await PickAsync(HaikuProfile)).Lease!);
        }

        Assert.All(picks, p => Assert.Equal(Guid.Empty, p.LeaseId));
        Assert.All(picks, p => Assert.Equal(Haiku, p.BaseModelId));
        Assert.All(picks.GroupBy(p => p.CredentialId), g => Assert.Equal(5, g.Count()));
        var snapshot = await fixture.Pool.GetSnapshotAsync();
        Assert.Equal(0, snapshot.InFlight);

        // An invoke lease after the picks is still the first of an even spread: the picks weigh nothing.
        var leases = new[] { (await fixture.Pool.AcquireAsync(new LeaseRequest(Haiku, NoExclusions))).Lease!, (await fixture.Pool.AcquireAsync(new LeaseRequest(Haiku, NoExclusions))).Lease! };
        Assert.Equal(2, leases.Select(l => l.CredentialId).Distinct().Count());
        Assert.Equal(2, (await fixture.Pool.GetSnapshotAsync()).InFlight);
    }

    [Fact]
    public async Task SignWithoutLease_IsNotCountedInFlightByTheCredential()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var pick = (await PickAsync()).Lease!;

        var signed = await fixture.Credential(credential).SignAsync(new SigningRequest(
            pick.LeaseId, "POST", $"https://bedrock-runtime.us-east-1.amazonaws.com/model/{Uri.EscapeDataString(Haiku)}/count-tokens",
            new Dictionary<string, string> { ["content-type"] = "application/json" }, new string('0', 64)));

        Assert.Contains("Authorization", signed.Headers.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(0, (await fixture.Credential(credential).GetSnapshotAsync()).InFlight);
    }

    [Fact]
    public async Task CountTokensThrottled_KeepsTheKeyOutOfCountPicksOnly_UntilItsBackoffEnds()
    {
        var throttled = fixture.NewCredential();
        var other = fixture.NewCredential();
        await fixture.RegisterAsync(throttled, other);

        await fixture.Pool.CountTokensThrottledAsync(throttled.Id);
        await EventuallyAsync(async () => (await PickAsync()).Lease!.CredentialId == other.Id && (await PickAsync()).Lease!.CredentialId == other.Id,
            "the pool kept picking the throttled key for counting");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(other.Id, (await PickAsync()).Lease!.CredentialId);
        }

        // Invoke leases still spread over both keys: a CountTokens throttle is no invoke lockout.
        var invoked = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            invoked.Add((await fixture.Pool.AcquireAsync(new LeaseRequest(Haiku, NoExclusions))).Lease!.CredentialId);
        }

        Assert.Contains(throttled.Id, invoked);
        var family = (await fixture.Credential(throttled).GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku");
        Assert.Null(family.LockedUntil);

        // The first CountTokens lockout is ThrottleBackoffBase (2 s) long.
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var picks = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            picks.Add((await PickAsync()).Lease!.CredentialId);
        }

        Assert.Contains(throttled.Id, picks);
    }

    [Fact]
    public async Task CountPick_EveryKeyCountThrottled_SaysAllThrottled()
    {
        var only = fixture.NewCredential();
        await fixture.RegisterAsync(only);

        await fixture.Pool.CountTokensThrottledAsync(only.Id);
        await EventuallyAsync(async () => (await PickAsync()).Lease is null, "the throttled key was still picked");

        var result = await PickAsync();
        Assert.Equal(NoCredentialReason.AllThrottled, result.Reason);
        Assert.NotNull((await fixture.Pool.AcquireAsync(new LeaseRequest(Haiku, NoExclusions))).Lease);
    }

    [Fact]
    public async Task CountPick_KeyWithLoggingOn_IsNeverPicked()
    {
        var logged = fixture.NewCredential();
        var clean = fixture.NewCredential();
        fixture.Bedrock.Credential(logged.AccessKeyId).Logging = FakeLoggingMode.Enabled;
        await fixture.RegisterAsync(logged, clean);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(clean.Id, (await PickAsync()).Lease!.CredentialId);
        }
    }
}
