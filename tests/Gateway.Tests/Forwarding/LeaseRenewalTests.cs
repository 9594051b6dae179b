using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Tests.Forwarding;

public sealed class LeaseRenewalTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingPool _pool = new();

    [Fact]
    public async Task Renews_OnEveryTick_UntilDisposed()
    {
        var lease = Guid.NewGuid();
        var renewal = LeaseRenewal.Start(_pool, lease, Interval, _clock);

        _clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(0, _pool.Renewals);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _pool.Renewals);
        _clock.Advance(Interval);
        Assert.Equal(2, _pool.Renewals);

        await renewal.DisposeAsync();
        _clock.Advance(Interval * 4);
        Assert.Equal(2, _pool.Renewals);
        Assert.All(_pool.Renewed, id => Assert.Equal(lease, id));
    }

    [Fact]
    public async Task AShortAnswer_NeverRenews()
    {
        await LeaseRenewal.Start(_pool, Guid.NewGuid(), Interval, _clock).DisposeAsync();
        _clock.Advance(Interval * 2);

        Assert.Equal(0, _pool.Renewals);
    }

    [Fact]
    public async Task ARenewalStillOnItsWay_IsNotDoubledByTheNextTick()
    {
        _pool.Answer = new TaskCompletionSource<bool>();
        var renewal = LeaseRenewal.Start(_pool, Guid.NewGuid(), Interval, _clock);

        _clock.Advance(Interval * 3);
        Assert.Equal(1, _pool.Renewals);
        _pool.Answer.SetResult(true);
        _clock.Advance(Interval);
        Assert.Equal(2, _pool.Renewals);
        await renewal.DisposeAsync();
    }

    [Fact]
    public async Task AFailingRenewal_IsTriedAgainOnTheNextTick()
    {
        _pool.Failure = new TimeoutException("silo gone");
        var renewal = LeaseRenewal.Start(_pool, Guid.NewGuid(), Interval, _clock);

        _clock.Advance(Interval);
        _clock.Advance(Interval);

        Assert.Equal(2, _pool.Renewals);
        await renewal.DisposeAsync();
    }

    private sealed class RecordingPool : IKeyPoolGrain
    {
        private readonly List<Guid> _renewed = [];

        public TaskCompletionSource<bool>? Answer { get; set; }

        public Exception? Failure { get; set; }

        public int Renewals
        {
            get
            {
                lock (_renewed)
                {
                    return _renewed.Count;
                }
            }
        }

        public IReadOnlyList<Guid> Renewed
        {
            get
            {
                lock (_renewed)
                {
                    return [.. _renewed];
                }
            }
        }

        public Task<bool> RenewAsync(Guid leaseId)
        {
            lock (_renewed)
            {
                _renewed.Add(leaseId);
            }

            return Failure is { } failure ? Task.FromException<bool>(failure) : Answer?.Task ?? Task.FromResult(true);
        }

        public Task<RegistrationResult> RegisterAsync(IReadOnlyList<CredentialDescriptor> credentials, bool replaceEnvironmentSet) => throw new NotSupportedException();

        public Task<LeaseResult> AcquireAsync(LeaseRequest request) => throw new NotSupportedException();

        public Task CountTokensThrottledAsync(string credentialId) => throw new NotSupportedException();

        public Task ReleaseAsync(LeaseRelease release) => throw new NotSupportedException();

        public Task ReleaseBatchAsync(IReadOnlyList<LeaseRelease> releases) => throw new NotSupportedException();

        public Task UpdateAsync(CredentialSummary summary) => throw new NotSupportedException();

        public Task<bool> RetireAsync(string credentialId) => throw new NotSupportedException();

        public Task<PoolSnapshot> GetSnapshotAsync() => throw new NotSupportedException();

        public Task<CredentialPage> QueryAsync(CredentialQuery query) => throw new NotSupportedException();

        public Task<IReadOnlyList<OrleansProxy.Models.ServableModel>> GetModelsAsync() => throw new NotSupportedException();

        public Task<IReadOnlyList<CredentialDescriptor>> GetCredentialsAsync() => throw new NotSupportedException();
    }
}
