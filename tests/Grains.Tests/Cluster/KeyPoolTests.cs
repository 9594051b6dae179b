using OrleansProxy.Credentials;
using OrleansProxy.Pool;
using OrleansProxy.Signing;
using OrleansProxy.Testing.FakeBedrock;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class KeyPoolTests(ProxyClusterFixture fixture) : IAsyncLifetime
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    private static readonly string[] NoExclusions = [];

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<LeaseResult> AcquireAsync(string model = Haiku) => fixture.Pool.AcquireAsync(new LeaseRequest(model, NoExclusions));

    private async Task CompleteAsync(Lease lease, OutcomeKind kind = OutcomeKind.Success, long input = 10, long output = 5, string? errorType = null)
    {
        var credential = fixture.Cluster.GrainFactory.GetGrain<ICredentialGrain>(lease.CredentialId);
        await credential.ReportAsync(new RequestOutcome(lease.LeaseId, "claude-3-haiku", kind, input, output, errorType));
    }

    private Task WaitUntilAsync(Func<PoolSnapshot, bool> condition) =>
        EventuallyAsync(async () => condition(await fixture.Pool.GetSnapshotAsync()), "the pool did not reach the expected state within 10 s");

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    /// <summary>The credential counts <paramref name="expected"/> for haiku, and the pool sees it with nothing in flight.</summary>
    private async Task AssertUsageEverywhereAsync(ICredentialGrain credential, FamilyUsage expected)
    {
        var family = (await credential.GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku");
        Assert.Equal(expected, family.Usage);
        await WaitUntilAsync(s => s.InFlight == 0 && s.Families.Single(f => f.Family == "claude-3-haiku").Usage == expected);
    }

    [Fact]
    public async Task Acquire_SpreadsLeasesEvenlyAcrossHealthyKeys()
    {
        var credentials = new[] { fixture.NewCredential(), fixture.NewCredential(), fixture.NewCredential() };
        await fixture.RegisterAsync(credentials);

        var leases = new List<Lease>();
        for (var i = 0; i < 9; i++)
        {
            leases.Add((await AcquireAsync()).Lease!);
        }

        Assert.All(leases.GroupBy(l => l.CredentialId), g => Assert.Equal(3, g.Count()));
        Assert.Equal(credentials.Select(c => c.Id).Order(), leases.Select(l => l.CredentialId).Distinct().Order());
        var snapshot = await fixture.Pool.GetSnapshotAsync();
        Assert.Equal(9, snapshot.InFlight);
        Assert.Equal(9, snapshot.Families.Single(f => f.Family == "claude-3-haiku").InFlight);
    }

    [Fact]
    public async Task Acquire_KeyWithLoggingOn_IsNeverLeased()
    {
        var logged = fixture.NewCredential();
        var clean = fixture.NewCredential();
        fixture.Bedrock.Credential(logged.AccessKeyId).Logging = FakeLoggingMode.Enabled;
        await fixture.RegisterAsync(logged, clean);

        for (var i = 0; i < 20; i++)
        {
            var lease = (await AcquireAsync()).Lease!;
            Assert.Equal(clean.Id, lease.CredentialId);
            await CompleteAsync(lease);
        }
    }

    [Fact]
    public async Task Acquire_OnlyLoggedKeys_SaysAllLogged()
    {
        var logged = fixture.NewCredential();
        var unknown = fixture.NewCredential();
        fixture.Bedrock.Credential(logged.AccessKeyId).Logging = FakeLoggingMode.Enabled;
        fixture.Bedrock.Credential(unknown.AccessKeyId).Logging = FakeLoggingMode.NoPermission;
        await fixture.RegisterAsync(logged, unknown);

        var result = await AcquireAsync();

        Assert.Null(result.Lease);
        Assert.Equal(NoCredentialReason.AllLogged, result.Reason);
        Assert.False(result.IsTransient);
    }

    [Fact]
    public async Task Acquire_RevokedKey_IsNeverLeasedAgain()
    {
        var first = fixture.NewCredential();
        var second = fixture.NewCredential();
        await fixture.RegisterAsync(first, second);

        var lease = (await AcquireAsync()).Lease!;
        await CompleteAsync(lease, OutcomeKind.Revoked, 0, 0, "UnrecognizedClientException");
        await WaitUntilAsync(s => s.ByStatus.GetValueOrDefault(CredentialStatus.Revoked) == 1);

        var survivor = lease.CredentialId == first.Id ? second.Id : first.Id;
        for (var i = 0; i < 10; i++)
        {
            var next = (await AcquireAsync()).Lease!;
            Assert.Equal(survivor, next.CredentialId);
            await CompleteAsync(next);
        }

        var snapshot = await fixture.Cluster.GrainFactory.GetGrain<ICredentialGrain>(lease.CredentialId).GetSnapshotAsync();
        Assert.Equal(CredentialStatus.Revoked, snapshot.Status);
    }

    [Fact]
    public async Task Acquire_ThrottledKey_IsSkippedUntilItsLockoutEnds()
    {
        var first = fixture.NewCredential();
        var second = fixture.NewCredential();
        await fixture.RegisterAsync(first, second);
        var throttledLease = (await AcquireAsync()).Lease!;
        var other = (await AcquireAsync()).Lease!;
        await CompleteAsync(other);

        await CompleteAsync(throttledLease, OutcomeKind.Throttled, 0, 0, "ThrottlingException");
        await WaitUntilAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku").Throttled == 1);

        for (var i = 0; i < 5; i++)
        {
            var lease = (await AcquireAsync()).Lease!;
            Assert.Equal(other.CredentialId, lease.CredentialId);
            await CompleteAsync(lease);
        }

        // The first lockout is ThrottleBackoffBase (2 s) long.
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var afterLockout = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var lease = (await AcquireAsync()).Lease!;
            afterLockout.Add(lease.CredentialId);
            await CompleteAsync(lease);
        }

        Assert.Contains(throttledLease.CredentialId, afterLockout);
    }

    [Fact]
    public async Task Acquire_EveryKeyThrottled_SaysAllThrottledWithARetryHint()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var lease = (await AcquireAsync()).Lease!;
        await CompleteAsync(lease, OutcomeKind.Throttled, 0, 0, "ThrottlingException");
        await WaitUntilAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku").Throttled == 1);

        var result = await AcquireAsync();

        Assert.Null(result.Lease);
        Assert.Equal(NoCredentialReason.AllThrottled, result.Reason);
        Assert.True(result.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(2), result.RetryAfter);
        // Another family of the same key is not locked out.
        Assert.NotNull((await AcquireAsync("anthropic.claude-v2:1")).Lease);
    }

    [Fact]
    public async Task Acquire_RepeatedThrottles_BackOffLongerAndSuccessResets()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var grain = fixture.Credential(credential);

        foreach (var expected in new[] { 2, 4, 8 })
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            var lease = (await AcquireAsync()).Lease!;
            await CompleteAsync(lease, OutcomeKind.Throttled, 0, 0, "ThrottlingException");
            var family = (await grain.GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku");
            Assert.Equal(fixture.Clock.GetUtcNow().AddSeconds(expected), family.LockedUntil);
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku").Usable == 1);
        await CompleteAsync((await AcquireAsync()).Lease!);
        var reset = (await grain.GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku");
        Assert.Equal(0, reset.ConsecutiveThrottles);
        Assert.Null(reset.LockedUntil);
    }

    [Fact]
    public async Task Report_AnswersOfRequestsSignedBeforeTheThrottle_NeitherDoubleNorEndTheLockout()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var grain = fixture.Credential(credential);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var headers = new Dictionary<string, string> { ["content-type"] = "application/json" };
        var inFlight = new List<Lease>();
        for (var i = 0; i < 3; i++)
        {
            var lease = (await AcquireAsync()).Lease!;
            await grain.SignAsync(new SigningRequest(lease.LeaseId, "POST", "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke", headers, SigV4RequestSigner.EmptyPayloadSha256));
            inFlight.Add(lease);
        }

        fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await CompleteAsync(inFlight[0], OutcomeKind.Throttled, 0, 0, "ThrottlingException");
        var lockedUntil = fixture.Clock.GetUtcNow().AddSeconds(2);
        await CompleteAsync(inFlight[1], OutcomeKind.Throttled, 0, 0, "ThrottlingException");
        await CompleteAsync(inFlight[2]);

        var family = (await grain.GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku");
        Assert.Equal(1, family.ConsecutiveThrottles);
        Assert.Equal(lockedUntil, family.LockedUntil);
    }

    [Fact]
    public async Task Acquire_NothingRegistered_SaysNoneConfigured()
    {
        var result = await AcquireAsync();

        Assert.Equal(NoCredentialReason.NoneConfigured, result.Reason);
    }

    [Fact]
    public async Task Acquire_UnknownModel_SaysUnknownModel()
    {
        await fixture.RegisterAsync(fixture.NewCredential());

        Assert.Equal(NoCredentialReason.UnknownModel, (await AcquireAsync("anthropic.claude-9")).Reason);
    }

    [Fact]
    public async Task Lease_NeverReportedBack_ExpiresAndStopsCountingAsInFlight()
    {
        await fixture.RegisterAsync(fixture.NewCredential());
        Assert.NotNull((await AcquireAsync()).Lease);
        Assert.Equal(1, (await fixture.Pool.GetSnapshotAsync()).InFlight);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await WaitUntilAsync(s => s.InFlight == 0);
    }

    [Fact]
    public async Task Report_Success_CountsRequestsAndTokensPerFamily()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);

        for (var i = 0; i < 3; i++)
        {
            await CompleteAsync((await AcquireAsync()).Lease!, OutcomeKind.Success, 100, 7);
        }

        await AssertUsageEverywhereAsync(fixture.Credential(credential), new FamilyUsage(3, 300, 21, 0, 0));
    }

    [Fact]
    public async Task State_SurvivesGrainDeactivation()
    {
        var credential = fixture.NewCredential();
        var revoked = fixture.NewCredential();
        await fixture.RegisterAsync(credential, revoked);
        var lease = (await AcquireAsync()).Lease!;
        var other = (await AcquireAsync()).Lease!;
        var (good, bad) = lease.CredentialId == credential.Id ? (lease, other) : (other, lease);
        await CompleteAsync(good, OutcomeKind.Success, 40, 2);
        await CompleteAsync(bad, OutcomeKind.Revoked, 0, 0, "UnrecognizedClientException");
        var before = await fixture.Credential(credential).GetSnapshotAsync();

        var management = fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        var after = await fixture.Credential(credential).GetSnapshotAsync();
        await WaitUntilAsync(s => s.Families.Single(f => f.Family == "claude-3-haiku").Usable == 1);
        Assert.Equal(before.Families.Single(f => f.Family == "claude-3-haiku").Usage, after.Families.Single(f => f.Family == "claude-3-haiku").Usage);
        Assert.Equal(new FamilyUsage(1, 40, 2, 0, 0), after.Families.Single(f => f.Family == "claude-3-haiku").Usage);
        Assert.Equal(CredentialStatus.Active, after.Status);
        Assert.Equal(CredentialStatus.Revoked, (await fixture.Credential(revoked).GetSnapshotAsync()).Status);
        Assert.Equal(credential.Id, (await AcquireAsync()).Lease!.CredentialId);
    }

    [Fact]
    public async Task Register_IsIdempotent()
    {
        var credential = fixture.NewCredential();
        var descriptor = credential.ToDescriptor(CredentialSource.Environment);

        var first = await fixture.Pool.RegisterAsync([descriptor], replaceEnvironmentSet: false);
        var second = await fixture.Pool.RegisterAsync([descriptor], replaceEnvironmentSet: false);

        Assert.Equal(new RegistrationResult(1, 0, 0), first);
        Assert.Equal(new RegistrationResult(0, 1, 0), second);
        Assert.Single(await fixture.Pool.GetCredentialsAsync());
    }

    [Fact]
    public async Task Register_ReplacingTheEnvironmentSet_RetiresCredentialsNoLongerConfigured()
    {
        var kept = fixture.NewCredential();
        var dropped = fixture.NewCredential();
        await fixture.RegisterAsync(kept, dropped);

        var result = await fixture.Pool.RegisterAsync([kept.ToDescriptor(CredentialSource.Environment)], replaceEnvironmentSet: true);

        Assert.Equal(new RegistrationResult(0, 1, 1), result);
        Assert.Equal([kept.Id], (await fixture.Pool.GetCredentialsAsync()).Select(d => d.Id));
        Assert.True((await fixture.Credential(dropped).GetSnapshotAsync()).Retired);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(kept.Id, (await AcquireAsync()).Lease!.CredentialId);
        }
    }

    [Fact]
    public async Task ReportBatch_CountsEveryLeaseOnceAndReleasesThemAll()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var leases = new List<Lease>();
        for (var i = 0; i < 5; i++)
        {
            leases.Add((await AcquireAsync()).Lease!);
        }

        await WaitUntilAsync(s => s.InFlight == 5);
        var grain = fixture.Credential(credential);
        var outcomes = leases.Select(l => new RequestOutcome(l.LeaseId, "claude-3-haiku", OutcomeKind.Success, 100, 7)).ToList();
        await grain.ReportBatchAsync([.. outcomes.Take(3), outcomes[0]]);
        // A retried batch that overlaps the first: only the two new leases count.
        await grain.ReportBatchAsync(outcomes);

        await AssertUsageEverywhereAsync(grain, new FamilyUsage(5, 500, 35, 0, 0));
    }

    [Fact]
    public async Task ReportBatch_AThrottleInTheBatchLocksTheFamilyOut()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var first = (await AcquireAsync()).Lease!;
        var second = (await AcquireAsync()).Lease!;

        await fixture.Credential(credential).ReportBatchAsync(
        [
            new RequestOutcome(first.LeaseId, "claude-3-haiku", OutcomeKind.Success, 10, 1),
            new RequestOutcome(second.LeaseId, "claude-3-haiku", OutcomeKind.Throttled, 0, 0, "ThrottlingException"),
        ]);

        await WaitUntilAsync(s => s.InFlight == 0);
        var result = await AcquireAsync();
        Assert.Null(result.Lease);
        Assert.Equal(NoCredentialReason.AllThrottled, result.Reason);
    }

    [Fact]
    public async Task Register_RetireThatFails_IsToldAgainUntilTheGrainConfirms()
    {
        var kept = fixture.NewCredential();
        var dropped = fixture.NewCredential();
        await fixture.RegisterAsync(kept, dropped);
        var droppedGrain = GrainId.Create("credential", dropped.Id);
        fixture.Faults.Fail(droppedGrain, nameof(ICredentialGrain.RetireAsync), times: 2);

        // The grain cannot be reached; the registration still succeeds, and the retirement is not forgotten.
        var result = await fixture.Pool.RegisterAsync([kept.ToDescriptor(CredentialSource.Environment)], replaceEnvironmentSet: true);

        Assert.Equal(new RegistrationResult(0, 1, 1), result);
        Assert.Equal([kept.Id], (await fixture.Pool.GetCredentialsAsync()).Select(d => d.Id));
        await EventuallyAsync(async () => (await fixture.Credential(dropped).GetSnapshotAsync()).Retired,
            "the dropped credential's grain was never retired");

        Assert.Equal(0, fixture.Faults.Remaining(droppedGrain, nameof(ICredentialGrain.RetireAsync)));
    }

    [Fact]
    public async Task Register_InitializeThatFails_IsFollowedUpUntilTheCredentialPublishes()
    {
        var credential = fixture.NewCredential();
        var grain = GrainId.Create("credential", credential.Id);
        fixture.Faults.Fail(grain, nameof(ICredentialGrain.InitializeAsync), times: 2);

        var result = await fixture.Pool.RegisterAsync([credential.ToDescriptor(CredentialSource.Environment)], replaceEnvironmentSet: false);

        Assert.Equal(new RegistrationResult(1, 0, 0), result);
        await WaitUntilAsync(s => s.Credentials == 1 && s.ByStatus.GetValueOrDefault(CredentialStatus.Active) == 1);
        Assert.Equal(0, fixture.Faults.Remaining(grain, nameof(ICredentialGrain.InitializeAsync)));
    }

    [Fact]
    public async Task Report_RetriedWithTheSameLease_CountsOnce()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var lease = (await AcquireAsync()).Lease!;

        await CompleteAsync(lease, OutcomeKind.Success, 10, 5);
        await CompleteAsync(lease, OutcomeKind.Success, 10, 5);

        var family = (await fixture.Credential(credential).GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku");
        Assert.Equal(new FamilyUsage(1, 10, 5, 0, 0), family.Usage);
    }

    [Fact]
    public async Task Lease_Renewed_KeepsCountingAsInFlightPastItsFirstExpiry()
    {
        await fixture.RegisterAsync(fixture.NewCredential());
        var lease = (await AcquireAsync()).Lease!;

        fixture.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.True(await fixture.Pool.RenewAsync(lease.LeaseId));
        fixture.Clock.Advance(TimeSpan.FromSeconds(40));
        await Task.Delay(300);

        Assert.Equal(1, (await fixture.Pool.GetSnapshotAsync()).InFlight);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(s => s.InFlight == 0);
        Assert.False(await fixture.Pool.RenewAsync(lease.LeaseId));
    }

    [Fact]
    public async Task Pool_Reactivated_ChasesACredentialThatNeverAnswersUntilItDoes()
    {
        // A credential whose grain state was lost (here: wiped from storage) cannot answer the pool's resync, just
        // as one whose publish was dropped while the cluster was forming. The pool must not sit on a placeholder.
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var management = fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var storage = fixture.Storage;
        var stored = new GrainState<CredentialState>();
        var grainId = GrainId.Create("credential", credential.Id);
        await storage.ReadStateAsync("credential", grainId, stored);
        Assert.NotNull(stored.State?.Descriptor);
        await storage.ClearStateAsync("credential", grainId, stored);

        await WaitUntilAsync(s => s.Credentials == 1 && s.ByStatus.GetValueOrDefault(CredentialStatus.Active) == 1);

        var lease = (await AcquireAsync()).Lease!;
        await CompleteAsync(lease);
        Assert.Equal(credential.Id, lease.CredentialId);
    }
}
