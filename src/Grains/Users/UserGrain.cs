using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Persistence;
using OrleansProxy.Usage;

namespace OrleansProxy.Users;

/// <summary>
/// One user, the one owner of its limits' counters for the whole cluster: every gateway asks it, so two gateways
/// share a limit exactly. Admission is in memory (one grain call per request, no storage write); counted usage, the
/// minute window and the live slots are written at most <see cref="UserOptions.UsageFlushInterval"/> later (so a
/// silo failover loses at most that much of them), settings before their call returns.
/// Reentrant like the credential grain: state changes happen between awaits, and writes are serialised.
/// </summary>
[Reentrant]
public sealed partial class UserGrain(
    [PersistentState("user", ProxyStorage.Name)] IPersistentState<UserState> state,
    PriceTable prices,
    IOptions<UserOptions> options,
    [FromKeyedServices(ProxyClock.Key)] TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private readonly MinuteWindow _window = new();
    private readonly UserSlots _slots = new();
    private readonly RecentSet _released = new(4096);
    private SerializedStateWriter<UserState>? _writer;
    private IGrainTimer? _flush;

    private UserState State => state.State;

    private UsageLedger Ledger => new(State);

    private SerializedStateWriter<UserState> Writer => _writer ??= new(state, DeactivateOnIdle);

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Rate is { } rate)
        {
            // After a failover: the same minute and the same requests in flight (as of the last write) go on counting.
            var now = time.GetUtcNow();
            _window.Import(rate.Seconds, now);
            _slots.Import(rate.Slots, now);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<UserView> CreateAsync(UserSpec spec, string tokenHash)
    {
        if (State.Spec is not null)
        {
            throw new InvalidOperationException($"User {Id} already exists.");
        }

        State.Spec = spec;
        State.TokenHash = tokenHash;
        State.Created = time.GetUtcNow();
        await Writer.WriteAsync();
        await Directory(tokenHash).SetAsync(tokenHash, Id);
        await Index.UpsertAsync(Summary());
        LogCreated(logger, Id);
        return View();
    }

    /// <inheritdoc />
    public Task<UserView?> GetAsync() => Task.FromResult(State.Spec is null ? null : View());

    /// <inheritdoc />
    public Task<UserView?> GetSelfAsync(string tokenHash) =>
        Task.FromResult(AdmissionPolicy.Identify(State, tokenHash, time.GetUtcNow()) is null ? View() : null);

    /// <inheritdoc />
    public async Task<UserView?> UpdateAsync(UserSpec spec)
    {
        if (State.Spec is null)
        {
            return null;
        }

        State.Spec = spec;
        await Writer.WriteAsync();
        await Index.UpsertAsync(Summary());
        return View();
    }

    /// <inheritdoc />
    public async Task<UserView?> SetDisabledAsync(bool disabled, string? reason)
    {
        if (State.Spec is null)
        {
            return null;
        }

        State.Disabled = disabled;
        State.DisabledReason = disabled ? reason : null;
        await Writer.WriteAsync();
        await Index.UpsertAsync(Summary());
        return View();
    }

    /// <inheritdoc />
    public async Task<UserView?> RotateAsync(string newTokenHash)
    {
        if (State.Spec is null)
        {
            return null;
        }

        var old = State.TokenHash;
        State.TokenHash = newTokenHash;
        State.TokenRotated = time.GetUtcNow();
        // From this write on, admissions with the old hash are refused here, whatever a gateway's directory cache says.
        await Writer.WriteAsync();
        await Directory(newTokenHash).SetAsync(newTokenHash, Id);
        if (old is not null)
        {
            await Directory(old).RemoveAsync(old, Id);
        }

        return View();
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync()
    {
        if (State.Spec is null)
        {
            return false;
        }

        var hash = State.TokenHash;
        await state.ClearStateAsync();
        if (hash is not null)
        {
            await Directory(hash).RemoveAsync(hash, Id);
        }

        await Index.RemoveAsync(Id);
        LogDeleted(logger, Id);
        DeactivateOnIdle();
        return true;
    }

    /// <inheritdoc />
    public Task<Admission> AdmitAsync(AdmissionRequest request)
    {
        if (request.Releases is { Count: > 0 } releases)
        {
            // Earlier requests' ends ride on this admission: their slots free up before it is decided.
            ReleaseAsync(releases);
        }

        var admission = AdmissionPolicy.Decide(State, Ledger, _window, _slots, request, time.GetUtcNow());
        if (admission.IsAdmitted && request.SlotId != Guid.Empty)
        {
            // The new slot and the window's count reach storage with the usage (one write per interval, not per request).
            ScheduleFlush();
        }

        return Task.FromResult(admission);
    }

    /// <inheritdoc />
    public Task<bool> RenewAsync(Guid slotId)
    {
        var renewed = _slots.Renew(slotId, time.GetUtcNow());
        if (renewed)
        {
            ScheduleFlush();
        }

        return Task.FromResult(renewed);
    }

    /// <inheritdoc />
    public Task ReleaseAsync(IReadOnlyList<SlotRelease> releases)
    {
        if (State.Spec is null)
        {
            return Task.CompletedTask;
        }

        var counted = false;
        foreach (var release in releases)
        {
            _slots.Release(release.SlotId);
            // Counted once per slot, even when its slot had expired (a long answer, a silo failover): it was billed.
            if (!_released.Add(release.SlotId))
            {
                continue;
            }

            var cost = prices.Cost(release.Family, release.Tokens) ?? 0m;
            var usage = new UsageCounters(1, release.Tokens, cost);
            Ledger.Add(UsagePeriods.Day(release.EndedAt), release.Family, usage);
            _window.AddTokens(time.GetUtcNow(), usage.AllTokens);
            counted = true;
        }

        if (counted)
        {
            ScheduleFlush();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DailyUsage>> GetUsageAsync(DateOnly from, DateOnly to) =>
        Task.FromResult<IReadOnlyList<DailyUsage>>(State.Spec is null ? [] : Ledger.Range(from, to));

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_flush is not null && State.Spec is not null)
        {
            await FlushAsync();
        }
    }

    private void ScheduleFlush()
    {
        _flush ??= this.RegisterGrainTimer(
            static (grain, _) => grain.FlushAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = options.Value.UsageFlushInterval, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private async Task FlushAsync()
    {
        _flush?.Dispose();
        _flush = null;
        try
        {
            var now = time.GetUtcNow();
            State.Rate = new RateSnapshot(_window.Export(now), _slots.Export(now));
            await Writer.WriteAsync();
            var today = UsagePeriods.Day(now);
            if (State.IndexedActiveDay != today)
            {
                // Once a day per active user, so usage reports only wake users who used something in their range.
                State.IndexedActiveDay = today;
                await Index.UpsertAsync(Summary());
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFlushFailed(logger, Id, exception.GetType().Name);
            ScheduleFlush();
        }
    }

    private ITokenDirectoryGrain Directory(string tokenHash) =>
        GrainFactory.GetGrain<ITokenDirectoryGrain>(UserShards.OfTokenHash(tokenHash));

    private IUserIndexGrain Index => GrainFactory.GetGrain<IUserIndexGrain>(UserShards.OfUser(Id));

    private UserSummary Summary() =>
        new(Id, State.Spec!.Name, State.Created, State.Spec.ExpiresAt, State.Disabled, State.IndexedActiveDay);

    private UserView View()
    {
        var now = time.GetUtcNow();
        var today = UsagePeriods.Day(now);
        var ledger = Ledger;
        var spec = State.Spec!;
        PeriodUsage Period(UsagePeriod period) => new(period, UsagePeriods.StartedAt(period, now), UsagePeriods.ResetsAt(period, now),
            ledger.ByFamily(period, today));
        return new UserView(
            Id, spec, State.Created, State.Disabled, State.DisabledReason, State.TokenRotated,
            _slots.Count(now), _window.Requests(now), _window.Tokens(now) + _slots.Reserved(now),
            [Period(UsagePeriod.Day), Period(UsagePeriod.Week), Period(UsagePeriod.Month), Period(UsagePeriod.Total)],
            [.. spec.Quotas.Select(q => new QuotaStatus(q, ledger.Sum(q.Period, today, q.Covers).AllTokens, UsagePeriods.ResetsAt(q.Period, now)))],
            [.. spec.Budgets.Select(b => new BudgetStatus(b, ledger.Sum(b.Period, today, static _ => true).CostUsd, UsagePeriods.ResetsAt(b.Period, now)))]);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "User {UserId} created")]
    private static partial void LogCreated(ILogger logger, string userId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "User {UserId} deleted")]
    private static partial void LogDeleted(ILogger logger, string userId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "User {UserId}: writing its usage failed ({Error}); retrying")]
    private static partial void LogFlushFailed(ILogger logger, string userId, string error);
}
