using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Models;
using OrleansProxy.Persistence;

namespace OrleansProxy.Pool;

/// <summary>
/// The cluster's one view of every credential, built from the summaries credential grains push. Acquire is pure
/// computation in memory; only registration and retirement touch storage. After a failover the view is rebuilt
/// by asking every registered credential to publish again.
/// </summary>
[Reentrant]
public sealed partial class KeyPoolGrain(
    [PersistentState("pool", ProxyStorage.Name)] IPersistentState<KeyPoolState> state,
    IOptions<CredentialPoolOptions> options,
    [FromKeyedServices(ProxyClock.Key)] TimeProvider time,
    ILogger<KeyPoolGrain> logger) : Grain, IKeyPoolGrain, IDisposable
{
    private const int InitializeBatchSize = 256;
    private const int MaxFollowUpsPerTick = 4 * InitializeBatchSize;

    private readonly CredentialSelector _selector = options.Value.SessionAffinity
        ? new(new SessionPins(options.Value.SessionCapacity))
        : new();
    private readonly LeaseBook _leases = new();
    private readonly CountTokensLockouts _countLockouts = new(new(options.Value.ThrottleBackoffBase, options.Value.ThrottleBackoffMax));
    private readonly ModelListings _listings = new();
    private (IReadOnlyList<ServableModel> Models, DateTimeOffset At)? _servable;

    // Registered credentials whose summary has not arrived since the pool activated or registered them: their
    // entry is still a placeholder nobody can lease. Asked again until they answer (see FollowUp).
    private readonly HashSet<string> _silent = new(StringComparer.Ordinal);

    // Registration, retirement and the follow-up of both run one at a time: the grain is reentrant, and a credential
    // must never be told "initialise" by one of them after another told it "retire".
    private readonly SemaphoreSlim _membership = new(1, 1);
    private SerializedStateWriter<KeyPoolState>? _stateWriter;

    // Lazy: field initialisers cannot bind the grain's own DeactivateOnIdle.
    private SerializedStateWriter<KeyPoolState> Writer => _stateWriter ??= new(state, DeactivateOnIdle);

    /// <inheritdoc />
    public void Dispose() => _membership.Dispose();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var descriptor in state.State.Registered.Values)
        {
            _selector.Upsert(Placeholder(descriptor), now);
            _silent.Add(descriptor.Id);
        }

        this.RegisterGrainTimer(static (pool, _) => pool.SweepLeases(), this, new GrainTimerCreationOptions
        {
            DueTime = options.Value.LeaseSweepInterval, Period = options.Value.LeaseSweepInterval, Interleave = true, KeepAlive = true,
        });
        this.RegisterGrainTimer(static (pool, _) => pool.Resync(), this, new GrainTimerCreationOptions
        {
            DueTime = options.Value.ResyncInterval, Period = options.Value.ResyncInterval, Interleave = true, KeepAlive = true,
        });

        this.RegisterGrainTimer(static (pool, _) => pool.FollowUp(), this, new GrainTimerCreationOptions
        {
            DueTime = options.Value.SilentRetryInterval, Period = options.Value.SilentRetryInterval, Interleave = true, KeepAlive = true,
        });

        // Summaries live in the credential grains; ask for them instead of trusting anything cached.
        Resync();
        LogActivated(logger, state.State.Registered.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<RegistrationResult> RegisterAsync(IReadOnlyList<CredentialDescriptor> credentials, bool replaceEnvironmentSet)
    {
        await _membership.WaitAsync();
        try
        {
            return await RegisterCoreAsync(credentials, replaceEnvironmentSet);
        }
        finally
        {
            _membership.Release();
        }
    }

    private async Task<RegistrationResult> RegisterCoreAsync(IReadOnlyList<CredentialDescriptor> credentials, bool replaceEnvironmentSet)
    {
        var now = time.GetUtcNow();
        var added = new List<CredentialDescriptor>();
        var unchanged = 0;
        foreach (var descriptor in credentials)
        {
            if (descriptor.Source == CredentialSource.Environment && state.State.Retired.Contains(descriptor.Id))
            {
                continue;
            }

            if (state.State.Registered.TryGetValue(descriptor.Id, out var known) && known == descriptor)
            {
                unchanged++;
                continue;
            }

            state.State.Retired.Remove(descriptor.Id);
            state.State.RetirePending.Remove(descriptor.Id);
            state.State.Registered[descriptor.Id] = descriptor;
            _selector.Upsert(Placeholder(descriptor), now);
            _silent.Add(descriptor.Id);
            added.Add(descriptor);
        }

        var retired = new List<string>();
        if (replaceEnvironmentSet)
        {
            var wanted = credentials.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            retired.AddRange(state.State.Registered.Values
                .Where(d => d.Source == CredentialSource.Environment && !wanted.Contains(d.Id))
                .Select(d => d.Id));
            foreach (var id in retired)
            {
                Forget(id);
            }
        }

        if (added.Count > 0 || retired.Count > 0)
        {
            await PersistAsync();
        }

        // A grain that cannot be reached now (the cluster is still forming) is followed up: an added one stays silent
        // until it publishes, a retired one stays pending until it confirms. Registration itself has succeeded.
        foreach (var batch in added.Chunk(InitializeBatchSize))
        {
            await Task.WhenAll(batch.Select(InitializeQuietly));
        }

        await RetirePendingAsync();
        LogRegistered(logger, added.Count, unchanged, retired.Count);
        return new RegistrationResult(added.Count, unchanged, retired.Count);
    }

    /// <inheritdoc />
    public Task<LeaseResult> AcquireAsync(LeaseRequest request)
    {
        if (!ModelCatalog.TryResolve(request.ModelId, out var named) || _listings.Refine(named) is not { } model)
        {
            return Task.FromResult(LeaseResult.Unavailable(NoCredentialReason.UnknownModel, TimeSpan.Zero));
        }

        var now = time.GetUtcNow();
        if (request.Kind == LeaseKind.CountTokens)
        {
            return Task.FromResult(PickForCounting(model, request.Exclude, now));
        }

        var selection = _selector.Select(model, request.Exclude, now, _listings, session: request.Session);
        if (selection.Entry is not { } entry)
        {
            return Task.FromResult(LeaseResult.Unavailable(selection.Reason, selection.RetryAfter));
        }

        var lease = new Lease(Guid.NewGuid(), entry.Id, entry.Region, now + options.Value.LeaseTtl,
            _listings.UpstreamId(model, entry.Region), model.Model.Id);
        _leases.Add(lease, model.Family);
        return Task.FromResult(LeaseResult.Granted(lease));
    }

    // The same candidates as an invoke lease, minus those throttled on CountTokens; no in-flight slot, no lease record
    // (Guid.Empty: the credential grain does not track it either), so nothing has to be reported or expire.
    private LeaseResult PickForCounting(ResolvedModel model, IReadOnlyList<string> exclude, DateTimeOffset now)
    {
        var selection = _selector.Select(model, _countLockouts.Exclude(exclude, now), now, _listings, inFlight: false);
        return selection.Entry is { } entry
            ? LeaseResult.Granted(new Lease(Guid.Empty, entry.Id, entry.Region, now, _listings.UpstreamId(model, entry.Region), model.Model.Id))
            : LeaseResult.Unavailable(selection.Reason, selection.RetryAfter);
    }

    /// <inheritdoc />
    public Task CountTokensThrottledAsync(string credentialId)
    {
        if (state.State.Registered.ContainsKey(credentialId))
        {
            var until = _countLockouts.Throttled(credentialId, time.GetUtcNow());
            LogCountTokensThrottled(logger, credentialId, until);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> RenewAsync(Guid leaseId) =>
        Task.FromResult(_leases.Renew(leaseId, time.GetUtcNow() + options.Value.LeaseTtl));

    /// <inheritdoc />
    public Task ReleaseAsync(LeaseRelease release)
    {
        Release(release);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReleaseBatchAsync(IReadOnlyList<LeaseRelease> releases)
    {
        foreach (var release in releases)
        {
            Release(release);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpdateAsync(CredentialSummary summary)
    {
        if (state.State.Registered.ContainsKey(summary.Descriptor.Id))
        {
            _silent.Remove(summary.Descriptor.Id);
            _selector.Upsert(summary, time.GetUtcNow());
            _listings.Update(summary.Models);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> RetireAsync(string credentialId)
    {
        await _membership.WaitAsync();
        try
        {
            if (!state.State.Registered.ContainsKey(credentialId))
            {
                return false;
            }

            Forget(credentialId);
            await PersistAsync();
            await RetirePendingAsync();
            return true;
        }
        finally
        {
            _membership.Release();
        }
    }

    /// <inheritdoc />
    public Task<PoolSnapshot> GetSnapshotAsync() =>
        Task.FromResult(PoolStatistics.Build(_selector, _leases.CountByFamily(), options.Value.AllowAwsLogging, time.GetUtcNow()));

    /// <inheritdoc />
    public Task<IReadOnlyList<ServableModel>> GetModelsAsync()
    {
        // Walks every credential: rebuilt at most once per second however many gateways ask.
        var now = time.GetUtcNow();
        if (_servable is not { } cached || now - cached.At >= TimeSpan.FromSeconds(1) || now < cached.At)
        {
            cached = (ServableModels.Build(_selector, _listings), now);
            _servable = cached;
        }

        return Task.FromResult(cached.Models);
    }

    /// <inheritdoc />
    public Task<CredentialPage> QueryAsync(CredentialQuery query)
    {
        var limit = Math.Clamp(query.Limit, 0, CredentialQuery.MaxLimit);
        var offset = Math.Max(0, query.Offset);
        var total = 0;
        var items = new List<CredentialDescriptor>(limit);
        foreach (var descriptor in state.State.Registered.Values)
        {
            if (_selector.Find(descriptor.Id) is not { } entry || !Matches(entry.Summary, query))
            {
                continue;
            }

            if (total++ >= offset && items.Count < limit)
            {
                items.Add(descriptor);
            }
        }

        return Task.FromResult(new CredentialPage(total, items));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialDescriptor>> GetCredentialsAsync() =>
        Task.FromResult<IReadOnlyList<CredentialDescriptor>>([.. state.State.Registered.Values]);

    private static bool Matches(CredentialSummary summary, CredentialQuery query) =>
        (query.Status is not { } status || summary.Status == status)
        && (query.Region is not { } region || summary.Descriptor.Region == region)
        && (query.Family is not { } family || summary.Access.GetValueOrDefault(family) == FamilyAccess.Granted);

    private void Release(LeaseRelease release)
    {
        if (_leases.TryRelease(release.LeaseId, out var credentialId) && credentialId == release.CredentialId)
        {
            _selector.Released(credentialId);
        }

        _selector.MergeUsage(release.CredentialId, release.Family, release.Usage);
    }

    private void Forget(string credentialId)
    {
        state.State.Registered.Remove(credentialId);
        state.State.Retired.Add(credentialId);
        state.State.RetirePending.Add(credentialId);
        _silent.Remove(credentialId);
        _countLockouts.Remove(credentialId);
        _selector.Remove(credentialId, time.GetUtcNow());
    }

    private Task SweepLeases()
    {
        var now = time.GetUtcNow();
        foreach (var credentialId in _leases.Expire(now))
        {
            _selector.Released(credentialId);
        }

        _selector.Sessions?.ExpireOld(now);

        return Task.CompletedTask;
    }

    private Task Resync()
    {
        foreach (var id in state.State.Registered.Keys)
        {
            GrainFactory.GetGrain<ICredentialGrain>(id).PublishAsync().Ignore();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Every <see cref="CredentialPoolOptions.SilentRetryInterval"/>: tells retired credentials again until they
    /// confirm, and asks every credential still silent to initialise again (idempotent for a healthy grain; it
    /// restores the identity of one whose state was lost, and it always ends with the grain publishing its summary).
    /// </summary>
    private async Task FollowUp()
    {
        if ((_silent.Count == 0 && state.State.RetirePending.Count == 0) || !_membership.Wait(0))
        {
            return;
        }

        try
        {
            await RetirePendingAsync();
            // Bounded per tick: after a failover of a large pool most credentials are merely still activating, and
            // asking all of them again at once would only add to the load they are recovering from.
            var silent = _silent.Select(id => state.State.Registered.GetValueOrDefault(id)).OfType<CredentialDescriptor>()
                .Take(MaxFollowUpsPerTick).ToArray();
            if (silent.Length > 0)
            {
                LogChasing(logger, silent.Length);
                foreach (var batch in silent.Chunk(InitializeBatchSize))
                {
                    await Task.WhenAll(batch.Select(InitializeQuietly));
                }
            }
        }
        finally
        {
            _membership.Release();
        }
    }

    /// <summary>Tells every pending retired credential to retire; those that confirm are no longer pending.</summary>
    private async Task RetirePendingAsync()
    {
        if (state.State.RetirePending.Count == 0)
        {
            return;
        }

        var pending = state.State.RetirePending.ToArray();
        var confirmed = await Task.WhenAll(pending.Select(RetireQuietly));
        var changed = false;
        for (var i = 0; i < pending.Length; i++)
        {
            changed |= confirmed[i] && state.State.RetirePending.Remove(pending[i]);
        }

        if (changed)
        {
            try
            {
                await PersistAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Still pending in storage: a later retire is idempotent.
                LogPersistFailed(logger, exception.GetType().Name);
            }
        }
    }

    private async Task<bool> RetireQuietly(string credentialId)
    {
        try
        {
            await GrainFactory.GetGrain<ICredentialGrain>(credentialId).RetireAsync();
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRetireFailed(logger, credentialId, exception.GetType().Name);
            return false;
        }
    }

    private async Task InitializeQuietly(CredentialDescriptor descriptor)
    {
        try
        {
            await GrainFactory.GetGrain<ICredentialGrain>(descriptor.Id).InitializeAsync(descriptor);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Asked again on the next tick.
            LogChaseFailed(logger, descriptor.Id, exception.GetType().Name);
        }
    }

    private static CredentialSummary Placeholder(CredentialDescriptor descriptor) => new(
        descriptor, 0, CredentialStatus.Unchecked, Usable: false, Disabled: false,
        new Dictionary<string, FamilyAccess>(), new Dictionary<string, DateTimeOffset>(), new Dictionary<string, FamilyUsage>());

    private Task PersistAsync() => Writer.WriteAsync();
}
