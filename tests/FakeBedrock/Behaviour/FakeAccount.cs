using OrleansProxy.Testing.FakeBedrock.Signing;

namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>
/// Behaviour handle of one access key the fake knows. Thread-safe; every setter takes effect on the
/// next request. Throttling is checked only for invocations that pass validation (so a probe with
/// <c>max_tokens: -1</c> never uses up a <see cref="ThrottleNext"/>), and faults likewise.
/// </summary>
public sealed class FakeAccount
{
    private readonly Lock _gate = new();
    private readonly AccountQuotas _quotas;
    private readonly Queue<FakeFault> _faults = new();
    private readonly Queue<FakeFault> _countTokensFaults = new();
    private ThrottleQuota _quota = new();
    private readonly ThrottleQuota _countTokensQuota = new();
    private long _countTokensCalls;
    private string? _account;
    private long _requestCount;
    private long _successfulInvocations;
    private long _cacheReadTokens;
    private long _cacheWriteTokens;
    private int _streamChunks = -1;
    private int _pendingCuts;

    internal FakeAccount(string accessKeyId, string secretAccessKey, string region, AccountQuotas quotas)
    {
        AccessKeyId = accessKeyId;
        Region = region;
        Signing = new SigningCredential(secretAccessKey, region);
        _quotas = quotas;
        Account = AccessKeyIds.AccountOf(accessKeyId);
    }

    public string AccessKeyId { get; }

    /// <summary>The region this key's requests must be scoped to (the region of the endpoint it would call).</summary>
    public string Region { get; }

    internal SigningCredential Signing { get; }

    /// <summary>Answer of the logging-configuration call. Default <see cref="FakeLoggingMode.NeverConfigured"/>.</summary>
    public FakeLoggingMode Logging { get; set; }

    /// <summary>When true, every call answers 403 <c>UnrecognizedClientException</c>, as for a deleted key.</summary>
    public bool Revoked { get; set; }

    /// <summary>Throttle every invocation (and the logging call when <see cref="ThrottleControlPlane"/>). Shared by keys of one <see cref="Account"/> and region.</summary>
    public bool ThrottleAlways
    {
        get => Quota.Always;
        set => Quota.Always = value;
    }

    /// <summary>Throttled answers still due from <see cref="ThrottleNext"/>.</summary>
    public int PendingThrottles => Quota.Remaining;

    /// <summary>
    /// Throttle every CountTokens call. CountTokens is free and has a quota of its own, so this knob and
    /// <see cref="ThrottleCountTokensNext"/> leave invocations alone, and invocation throttles leave CountTokens alone.
    /// </summary>
    public bool ThrottleCountTokensAlways
    {
        get => _countTokensQuota.Always;
        set => _countTokensQuota.Always = value;
    }

    /// <summary>CountTokens calls that got a 200 answer.</summary>
    public long CountTokensCalls => Interlocked.Read(ref _countTokensCalls);

    /// <summary>Which of Bedrock's three throttling texts to send. Default "Too many requests…".</summary>
    public FakeThrottleMessage ThrottleMessage { get; set; }

    /// <summary>
    /// Prompt-cache counts every successful Messages answer reports (plain and streamed); null (default) reports none,
    /// as for a request without <c>cache_control</c>.
    /// </summary>
    public FakeCacheUsage? CacheUsage { get; set; }

    /// <summary>When true, throttling also applies to the logging-configuration call.</summary>
    public bool ThrottleControlPlane { get; set; }

    /// <summary>Base model ids or id prefixes this key may not invoke (403 <c>AccessDeniedException</c>).</summary>
    public ModelIdSet DeniedModels { get; } = new();

    /// <summary>Base model ids or id prefixes not offered in this key's region (404 <c>ResourceNotFoundException</c>).</summary>
    public ModelIdSet ModelsNotInRegion { get; } = new();

    /// <summary>ListFoundationModels and GetFoundationModel answer 403 AccessDeniedException (no IAM permission).</summary>
    public bool DenyListFoundationModels { get; set; }

    /// <summary>ListInferenceProfiles and GetInferenceProfile answer 403 AccessDeniedException (no IAM permission).</summary>
    public bool DenyListInferenceProfiles { get; set; }

    /// <summary>Delay before the response headers of every call this key makes. Default zero.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Delay between event-stream frames. Default zero.</summary>
    public TimeSpan StreamChunkDelay { get; set; }

    /// <summary>How many text delta chunks a stream carries (at least 1); null (default) means one per word of the reply.</summary>
    public int? StreamChunks
    {
        // Kept in an int (-1: none) so concurrent readers never see a torn nullable.
        get => Volatile.Read(ref _streamChunks) is var chunks and >= 0 ? chunks : null;
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A stream needs at least one chunk.");
            }

            Volatile.Write(ref _streamChunks, value ?? -1);
        }
    }

    /// <summary>When set, streams end with this exception frame after the given number of chunks.</summary>
    public FakeMidStreamException? MidStreamException { get; set; }

    /// <summary>
    /// AWS account id. Keys with the same id and region share one throttle quota, as Bedrock quotas are per
    /// account and region. Defaults to the account a current-generation access key id encodes (see <see cref="AccessKeyIds"/>),
    /// as with AWS; null (an older or made-up id) gives the key a quota of its own. Set it before queuing throttles.
    /// </summary>
    public string? Account
    {
        get { lock (_gate) { return _account; } }
        set
        {
            lock (_gate)
            {
                _account = value;
                _quota = value is null ? new ThrottleQuota() : _quotas.For(value, Region);
            }
        }
    }

    /// <summary>Requests that carried this key, whatever their outcome.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>Invocations this key got a 200 answer for (streams count when their headers go out).</summary>
    public long SuccessfulInvocations => Interlocked.Read(ref _successfulInvocations);

    /// <summary>Input tokens this key's answers read from the prompt cache (<c>cache_read_input_tokens</c>).</summary>
    public long CacheReadTokens => Interlocked.Read(ref _cacheReadTokens);

    /// <summary>Input tokens this key's answers wrote to the prompt cache (<c>cache_creation_input_tokens</c>).</summary>
    public long CacheWriteTokens => Interlocked.Read(ref _cacheWriteTokens);

    private ThrottleQuota Quota
    {
        get { lock (_gate) { return _quota; } }
    }

    /// <summary>The next <paramref name="count"/> invocations answer 429 <c>ThrottlingException</c>.</summary>
    public void ThrottleNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Quota.AddNext(count);
    }

    /// <summary>The next <paramref name="count"/> CountTokens calls (that pass validation) answer 429 <c>ThrottlingException</c>.</summary>
    public void ThrottleCountTokensNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _countTokensQuota.AddNext(count);
    }

    /// <summary>The next <paramref name="count"/> CountTokens calls answer with <paramref name="fault"/> (invocations are not affected).</summary>
    public void FailCountTokensNext(int count, FakeFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _countTokensFaults.Enqueue(fault);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> invocations answer with <paramref name="fault"/>; calls queue up in order.</summary>
    public void FailNext(int count, FakeFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> answers that would succeed break off instead: the connection closes after
    /// half the answer was sent (half the JSON body, or half the stream's text chunks), as a network fault or a load
    /// balancer dropping the connection would. Nothing in the answer says so; the caller sees a transport error.
    /// </summary>
    public void CutNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref _pendingCuts, count);
    }

    /// <summary>Answers still to be cut off by <see cref="CutNext"/>.</summary>
    public int PendingCuts => Volatile.Read(ref _pendingCuts);

    /// <summary>Restores every knob to its default (the counters keep counting).</summary>
    public void Reset()
    {
        Logging = FakeLoggingMode.NeverConfigured;
        Revoked = false;
        ThrottleMessage = FakeThrottleMessage.TooManyRequests;
        ThrottleControlPlane = false;
        CacheUsage = null;
        DeniedModels.Clear();
        ModelsNotInRegion.Clear();
        DenyListFoundationModels = false;
        DenyListInferenceProfiles = false;
        Latency = TimeSpan.Zero;
        StreamChunkDelay = TimeSpan.Zero;
        StreamChunks = null;
        MidStreamException = null;
        Volatile.Write(ref _pendingCuts, 0);
        Quota.Reset();
        _countTokensQuota.Reset();
        lock (_gate)
        {
            _faults.Clear();
            _countTokensFaults.Clear();
        }
    }

    internal bool TryTakeThrottle() => Quota.TryTake();

    internal bool TryTakeCountTokensThrottle() => _countTokensQuota.TryTake();

    internal void CountCountTokensCall() => Interlocked.Increment(ref _countTokensCalls);

    internal FakeFault? TryTakeFault()
    {
        lock (_gate)
        {
            return _faults.TryDequeue(out var fault) ? fault : null;
        }
    }

    internal FakeFault? TryTakeCountTokensFault()
    {
        lock (_gate)
        {
            return _countTokensFaults.TryDequeue(out var fault) ? fault : null;
        }
    }

    internal bool TryTakeCut()
    {
        var pending = Volatile.Read(ref _pendingCuts);
        while (pending > 0)
        {
            var seen = Interlocked.CompareExchange(ref _pendingCuts, pending - 1, pending);
            if (seen == pending)
            {
                return true;
            }

            pending = seen;
        }

        return false;
    }

    internal void CountRequest() => Interlocked.Increment(ref _requestCount);

    internal void CountSuccessfulInvocation() => Interlocked.Increment(ref _successfulInvocations);

    internal void CountCache(int readTokens, int writeTokens)
    {
        Interlocked.Add(ref _cacheReadTokens, readTokens);
        Interlocked.Add(ref _cacheWriteTokens, writeTokens);
    }
}
