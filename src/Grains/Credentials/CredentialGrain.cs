using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansProxy.Checks;
using OrleansProxy.Hosting;
using OrleansProxy.Persistence;
using OrleansProxy.Pool;
using OrleansProxy.Signing;
using OrleansProxy.Throttling;

namespace OrleansProxy.Credentials;

/// <summary>
/// One AWS credential: signs for it, checks it, and keeps its health, logging, access, throttle and usage state.
/// Reentrant so a slow check never delays signing; every state change happens between awaits, and writes are
/// serialised by <see cref="PersistAsync"/>.
/// </summary>
[Reentrant]
public sealed partial class CredentialGrain(
    [PersistentState("credential", ProxyStorage.Name)] IPersistentState<CredentialState> state,
    ICredentialSecretStore secrets,
    CredentialSecretProtector protector,
    BedrockChecker checker,
    IOptions<CredentialPoolOptions> options,
    [FromKeyedServices(ProxyClock.Key)] TimeProvider time,
    ILogger<CredentialGrain> logger) : Grain, ICredentialGrain
{
    // Longer than any request may last (Gateway:RequestTimeout defaults to 10 min): a lease signed but never
    // reported after this is from a gateway that died.
    private static readonly TimeSpan InFlightHorizon = TimeSpan.FromMinutes(15);

    private readonly Dictionary<Guid, DateTimeOffset> _leases = [];
    private readonly RecentSet _reported = new(4096);
    private SerializedStateWriter<CredentialState>? _stateWriter;
    private readonly ThrottleBackoff _backoff = new(options.Value.ThrottleBackoffBase, options.Value.ThrottleBackoffMax, options.Value.DailyQuotaReset);
    private IGrainTimer? _checkTimer;
    private AwsCredential? _runtimeCredential;
    private Task<CredentialSnapshot>? _runningCheck;
    private IKeyPoolGrain? _pool;

    private CredentialState State => state.State;

    // Lazy: field initialisers cannot bind the grain's own DeactivateOnIdle.
    private SerializedStateWriter<CredentialState> Writer => _stateWriter ??= new(state, DeactivateOnIdle);

    private string Id => this.GetPrimaryKeyString();

    private IKeyPoolGrain Pool => _pool ??= GrainFactory.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Descriptor is not null && !State.Retired)
        {
            ScheduleCheck(FirstCheckDelay());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CredentialDescriptor descriptor)
    {
        if (descriptor.Id != Id)
        {
            throw new ArgumentException($"Descriptor {descriptor.Id} does not belong to credential {Id}.", nameof(descriptor));
        }

        var wasKnown = State.Descriptor is not null;
        if (State.Descriptor != descriptor || State.Retired)
        {
            State.Descriptor = descriptor;
            State.Retired = false;
            await PersistAsync();
        }

        if (!wasKnown || _checkTimer is null)
        {
            ScheduleCheck(FirstCheckDelay());
        }

        Publish();
    }

    /// <inheritdoc />
    public async Task InitializeRuntimeAsync(CredentialDescriptor descriptor, string accessKeyId, string secretAccessKey)
    {
        var credential = new AwsCredential(accessKeyId, secretAccessKey, descriptor.Region);
        if (credential.Id != Id || descriptor.Id != Id || descriptor.Source != CredentialSource.Runtime)
        {
            throw new ArgumentException($"The credential does not match grain {Id}.", nameof(descriptor));
        }

        State.AccessKeyId = accessKeyId;
        State.EncryptedSecret = protector.Protect(Id, secretAccessKey);
        State.Descriptor = descriptor;
        State.Retired = false;
        _runtimeCredential = credential;
        await PersistAsync();
        LogRuntimeAdded(logger, Id, descriptor.MaskedAccessKeyId);
        Publish();
    }

    /// <inheritdoc />
    public Task<SignedHeaders> SignAsync(SigningRequest request)
    {
        var credential = ResolveCredential()
            ?? throw new InvalidOperationException($"Credential {Id} has no secret on this silo.");
        if (State.Retired)
        {
            throw new InvalidOperationException($"Credential {Id} is retired.");
        }

        var now = time.GetUtcNow();
        if (request.LeaseId != Guid.Empty)
        {
            // A CountTokens call has no lease: it is not in flight, and nothing reports it.
            _leases[request.LeaseId] = now;
        }

        var headers = SigV4RequestSigner.Sign(credential, request.Method, new Uri(request.Uri), request.Headers, request.PayloadSha256, now);
        return Task.FromResult(new SignedHeaders(headers));
    }

    /// <inheritdoc />
    public Task ReportAsync(RequestOutcome outcome) => ReportBatchAsync([outcome]);

    /// <inheritdoc />
    public async Task ReportBatchAsync(IReadOnlyList<RequestOutcome> outcomes)
    {
        var now = time.GetUtcNow();
        var ended = new List<(Guid LeaseId, string Family)>(outcomes.Count);
        var selectionChanged = false;
        foreach (var outcome in outcomes)
        {
            if (!_reported.Add(outcome.LeaseId))
            {
                // A gateway retried a report whose answer it never saw (a timeout): count it once.
                continue;
            }

            DateTimeOffset? signedAt = _leases.Remove(outcome.LeaseId, out var signed) ? signed : null;
            var family = State.Family(outcome.Family);
            selectionChanged |= OutcomeRecorder.Apply(State, family, outcome, _backoff, signedAt, now);
            ended.Add((outcome.LeaseId, outcome.Family));
            if (outcome.Kind == OutcomeKind.Revoked)
            {
                LogRevoked(logger, Id, State.Descriptor?.MaskedAccessKeyId, outcome.ErrorType);
            }
            else if (outcome.Kind == OutcomeKind.Throttled)
            {
                LogThrottled(logger, Id, outcome.Family, family.LockKind ?? ThrottleKind.Other, family.LockedUntil, family.ConsecutiveThrottles);
            }
        }

        if (ended.Count == 0)
        {
            return;
        }

        try
        {
            await PersistAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Storage is down: the leases and the pool's view must not wait for it. The change stays dirty and
            // goes out with the next successful write.
            LogPersistFailed(logger, Id, exception.GetType().Name);
        }

        // The usage sent is the family's latest, after every outcome of the batch.
        var releases = ended.ConvertAll(e => new LeaseRelease(Id, e.LeaseId, e.Family, State.Family(e.Family).Usage, now));
        if (releases.Count == 1)
        {
            Pool.ReleaseAsync(releases[0]).Ignore();
        }
        else
        {
            Pool.ReleaseBatchAsync(releases).Ignore();
        }

        if (selectionChanged)
        {
            Publish();
        }
    }

    /// <inheritdoc />
    public Task<CredentialSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public Task<CredentialSnapshot> RecheckAsync()
    {
        // A recheck asked for while the timer's check runs joins it instead of probing twice.
        if (_runningCheck is not { IsCompleted: false })
        {
            _runningCheck = RunCheckAsync();
        }

        return _runningCheck;
    }

    /// <inheritdoc />
    public Task PublishAsync()
    {
        if (State.Descriptor is not null)
        {
            Publish();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<CredentialSnapshot> SetDisabledAsync(bool disabled, string? reason)
    {
        State.Disabled = disabled;
        State.DisabledReason = disabled ? reason : null;
        await PersistAsync();
        Publish();
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task RetireAsync()
    {
        State.Retired = true;
        // A retired credential is never used again: its secret has no reason to stay in storage.
        State.EncryptedSecret = null;
        _runtimeCredential = null;
        _checkTimer?.Dispose();
        _checkTimer = null;
        await PersistAsync();
        Publish();
    }

    private async Task<CredentialSnapshot> RunCheckAsync()
    {
        {
            var credential = ResolveCredential();
            if (credential is null || State.Descriptor is null || State.Retired)
            {
                if (State.Descriptor is not null && !State.Retired)
                {
                    State.LastError = new CredentialError(time.GetUtcNow(), "Configuration", "the secret is not configured on this silo");
                    ScheduleCheck(options.Value.CheckRetryDelay);
                }

                return Snapshot();
            }

            var outcome = await new CredentialCheck(checker, options.Value.AllowAwsLogging, time).RunAsync(credential, State, CancellationToken.None);
            var now = time.GetUtcNow();
            State.LastCheckAt = now;
            var delay = outcome.Complete ? Jittered(options.Value.CheckInterval) : options.Value.CheckRetryDelay;
            State.NextCheckAt = State.Revoked ? null : now + delay;
            var (status, reason) = CredentialStatusPolicy.Derive(State);
            LogChecked(logger, Id, credential.MaskedAccessKeyId, status, reason, outcome.Complete);
            await PersistAsync();
            if (!State.Revoked)
            {
                ScheduleCheck(delay);
            }

            Publish();
            return Snapshot();
        }
    }

    private AwsCredential? ResolveCredential()
    {
        if (secrets.Find(Id) is { } configured)
        {
            return configured;
        }

        if (_runtimeCredential is null && State.EncryptedSecret is { } blob && State.AccessKeyId is { } accessKeyId
            && State.Descriptor is { } descriptor && protector.IsConfigured)
        {
            _runtimeCredential = new AwsCredential(accessKeyId, protector.Unprotect(Id, blob), descriptor.Region);
        }

        return _runtimeCredential;
    }

    private void ScheduleCheck(TimeSpan delay)
    {
        _checkTimer?.Dispose();
        _checkTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.RecheckAsync(),
            this,
            // No keep-alive: an idle credential may be collected; the pool's periodic resync reactivates it and
            // OnActivateAsync re-arms the check from the persisted NextCheckAt.
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private TimeSpan FirstCheckDelay()
    {
        var now = time.GetUtcNow();
        if (State.Revoked)
        {
            return Timeout.InfiniteTimeSpan;
        }

        if (State.NextCheckAt is { } due && due > now && State.LastCheckAt is not null)
        {
            return due - now;
        }

        // Spread first checks so many silos and keys starting together do not stampede Bedrock.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * options.Value.InitialCheckSpread.TotalMilliseconds);
    }

    private TimeSpan Jittered(TimeSpan interval)
    {
        var spread = (Random.Shared.NextDouble() * 2 - 1) * options.Value.CheckJitter;
        return interval + interval * spread;
    }

    private void Publish()
    {
        if (State.Descriptor is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        State.SummaryVersion = Math.Max(State.SummaryVersion + 1, now.UtcTicks);
        Pool.UpdateAsync(CredentialViews.Summary(State, options.Value.AllowAwsLogging, now)).Ignore();
    }

    private CredentialSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        foreach (var (lease, signedAt) in _leases.ToArray())
        {
            if (now - signedAt > InFlightHorizon)
            {
                _leases.Remove(lease);
            }
        }

        return CredentialViews.Snapshot(Id, State, options.Value.AllowAwsLogging, _leases.Count, now);
    }

    private Task PersistAsync() => Writer.WriteAsync();
}
