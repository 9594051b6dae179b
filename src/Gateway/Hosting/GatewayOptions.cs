using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Hosting;

/// <summary>How a gateway admits, waits, retries and times out requests. Bound from the <c>Gateway</c> section.</summary>
public sealed class GatewayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// The key clients must send (<c>PROXY_KEY</c>), as <c>x-api-key</c> or <c>Authorization: Bearer</c>. Default:
    /// none, an open proxy. Never logged or shown.
    /// </summary>
    public string? ProxyKey { get; set; }

    /// <summary>
    /// Who may call the API (<c>GATEKEEPER</c>): <c>none</c>, <c>proxy_key</c> or <c>user_token</c>. Default:
    /// <c>proxy_key</c> when <see cref="ProxyKey"/> is set, else <c>none</c>.
    /// </summary>
    public string? Gatekeeper { get; set; }

    /// <summary>The mode <see cref="Gatekeeper"/> names (its default when unset; <c>None</c> when it does not parse: start-up then fails).</summary>
    public Auth.GatekeeperMode GatekeeperMode => TryGatekeeper(out var mode) ? mode : Auth.GatekeeperMode.None;

    /// <summary>
    /// How long a gateway trusts the token directory's answer for a token (<c>user_token</c> mode). The user grain
    /// still decides every request, so rotation, disabling and deletion hold at once; this only bounds how long a
    /// brand-new token can be refused after its creation. Default: 1 s.
    /// </summary>
    public TimeSpan TokenCacheTtl { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Distinct users per gateway that get their own <c>user</c> label in the metrics; the rest count as <c>other</c>. Default: 1000.</summary>
    public int MaxUserMetricLabels { get; set; } = 1000;

    private bool TryGatekeeper(out Auth.GatekeeperMode mode)
    {
        (var ok, mode) = Gatekeeper?.Trim().ToLowerInvariant() switch
        {
            null or "" => (true, string.IsNullOrEmpty(ProxyKey) ? Auth.GatekeeperMode.None : Auth.GatekeeperMode.ProxyKey),
            "none" => (true, Auth.GatekeeperMode.None),
            "proxy_key" => (true, Auth.GatekeeperMode.ProxyKey),
            "user_token" => (true, Auth.GatekeeperMode.UserToken),
            _ => (false, Auth.GatekeeperMode.None),
        };
        return ok;
    }

    /// <summary>Largest request body accepted. Default: 32 MiB (Anthropic's own limit).</summary>
    public long MaxBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Largest non-streaming answer read from Bedrock; a larger one is refused with 502 instead of being buffered.
    /// Default: 64 MiB (far above any Claude answer: 128k output tokens are under 1 MiB of JSON).
    /// </summary>
    public long MaxAnswerBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Upstream attempts per client request (on different credentials). Default: 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Longest a count_tokens request waits for a credential that may count (all throttled, or still being checked)
    /// before it is answered with a local estimate: counts are advisory, and clients send them in bursts. Default: 2 s.
    /// </summary>
    public TimeSpan CountTokensMaxWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest a request waits in the queue (for a free credential, or for its user's concurrency slot) before a 429. Default: 60 s.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Requests that may wait in the queue at once on one gateway, whether for a credential or for their user's
    /// concurrency slot; more get 429 at once. Default: 1000.
    /// </summary>
    public int MaxQueueLength { get; set; } = 1000;

    /// <summary>Interval of SSE comment heartbeats to a streaming client that is waiting. Default: 10 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>TCP connect timeout to Bedrock. Default: 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest wait for Bedrock's response headers. Non-streaming answers arrive whole, so this bounds generation
    /// time too. Default: 5 min.
    /// </summary>
    public TimeSpan ResponseHeadersTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest silence between two event-stream frames. Default: 60 s.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest a whole request may take, waiting included. Default: 10 min.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Timeout of each call to a grain (lease, sign, report). A call to a silo that crashed is never answered, so
    /// this bounds how long requests stall until the cluster notices; reports are idempotent, so retrying one
    /// that did land is harmless. Default: 5 s.
    /// </summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a gateway renews the lease of an answer still in progress. Default: 30 s.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the end of a user's request may wait to ride on that user's next admission from this gateway (one grain
    /// call for both) before it is sent alone. Holds the slot that much longer at most. 0 sends every end at once.
    /// Default: 100 ms.
    /// </summary>
    public TimeSpan UserReleaseCarry { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>max_tokens</c> for OpenAI requests that name none. Default: 4096.</summary>
    public int DefaultOpenAiMaxTokens { get; set; } = 4096;

    /// <summary>
    /// Operator model aliases (<c>MODEL_ALIASES</c>): <c>name=target,name2=target2</c>, each target a Bedrock id, profile id
    /// or Anthropic name. Default: none.
    /// </summary>
    public string? ModelAliases
    {
        get => _modelAliases;
        set
        {
            _modelAliases = value;
            Aliases = Models.ModelAliases.Parse(value, out _);
        }
    }

    /// <summary>The parsed <see cref="ModelAliases"/> (empty when they do not validate; start-up then fails).</summary>
    public Models.ModelAliases Aliases { get; private set; } = Models.ModelAliases.Empty;

    private string? _modelAliases;

    /// <summary>
    /// Beta flags added to the built-in Bedrock list (<c>BETAS_ADD</c>): <c>flag[=bedrock-flag][@minimum-generation]</c>,
    /// comma-separated, e.g. <c>new-feature-2026-12-01@4.6</c>. Default: none.
    /// </summary>
    public string? BetasAdd { get; set; }

    /// <summary>Beta flags taken out of the built-in list (<c>BETAS_REMOVE</c>), comma-separated. Default: none.</summary>
    public string? BetasRemove { get; set; }

    /// <summary>The beta policy in force: the built-in list with <see cref="BetasAdd"/> and <see cref="BetasRemove"/>.</summary>
    public BetaPolicy Betas => _betas ??= TryConfigureBetas(out _) ?? BetaPolicy.Default;

    private BetaPolicy? _betas;

    /// <summary>
    /// Field rules changed from the built-in ones (<c>FIELDS</c>): <c>field=pass|drop|refuse[@generation]</c>,
    /// comma-separated, e.g. <c>service_tier=pass</c> or <c>output_config.effort=drop@4.6</c>. Default: none.
    /// </summary>
    public string? FieldRules { get; set; }

    /// <summary>The field policy in force: the built-in rules with <see cref="FieldRules"/>.</summary>
    public FieldPolicy Fields => _fields ??= FieldPolicy.Configure(SplitList(FieldRules), out _);

    private FieldPolicy? _fields;

    private static string[] SplitList(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private BetaPolicy? TryConfigureBetas(out string? problem)
    {
        problem = null;
        try
        {
            return BetaPolicy.Configure(Split(BetasAdd), Split(BetasRemove));
        }
        catch (FormatException exception)
        {
            problem = exception.Message;
            return null;
        }

        static string[] Split(string? list) =>
            list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
    }

    /// <summary>Every problem with the values, for start-up validation.</summary>
    public IEnumerable<string> Validate()
    {
        if (!TryGatekeeper(out var gatekeeper))
        {
            yield return $"GATEKEEPER must be none, proxy_key or user_token, not '{Gatekeeper}'.";
        }
        else if (gatekeeper == Auth.GatekeeperMode.ProxyKey && string.IsNullOrEmpty(ProxyKey))
        {
            yield return "GATEKEEPER=proxy_key needs PROXY_KEY.";
        }
        else if (gatekeeper != Auth.GatekeeperMode.ProxyKey && !string.IsNullOrEmpty(ProxyKey))
        {
            yield return $"PROXY_KEY is set but GATEKEEPER={Gatekeeper} ignores it: unset one of them.";
        }

        if (TokenCacheTtl < TimeSpan.Zero || TokenCacheTtl > TimeSpan.FromSeconds(1))
        {
            yield return "Gateway:TokenCacheTtl must be between 0 and 1 s (user changes must hold on every gateway within 2 s).";
        }

        if (MaxUserMetricLabels < 0)
        {
            yield return "Gateway:MaxUserMetricLabels must not be negative.";
        }

        if (ProxyKey is { Length: > 0 and < 8 })
        {
            yield return "PROXY_KEY must be at least 8 characters.";
        }

        if (MaxBodyBytes < 1024)
        {
            yield return "Gateway:MaxBodyBytes must be at least 1024.";
        }

        if (MaxAnswerBytes < 1024)
        {
            yield return "Gateway:MaxAnswerBytes must be at least 1024.";
        }

        if (MaxAttempts is < 1 or > 10)
        {
            yield return "Gateway:MaxAttempts must be between 1 and 10.";
        }

        if (MaxQueueLength < 0)
        {
            yield return "Gateway:MaxQueueLength must not be negative.";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(MaxQueueWait), MaxQueueWait), (nameof(HeartbeatInterval), HeartbeatInterval),
            (nameof(ConnectTimeout), ConnectTimeout), (nameof(ResponseHeadersTimeout), ResponseHeadersTimeout),
            (nameof(StreamIdleTimeout), StreamIdleTimeout), (nameof(RequestTimeout), RequestTimeout),
            (nameof(GrainCallTimeout), GrainCallTimeout), (nameof(LeaseRenewInterval), LeaseRenewInterval),
        })
        {
            if (value <= TimeSpan.Zero && name != nameof(MaxQueueWait))
            {
                yield return $"Gateway:{name} must be positive.";
            }
        }

        if (UserReleaseCarry < TimeSpan.Zero || UserReleaseCarry > TimeSpan.FromSeconds(5))
        {
            yield return "Gateway:UserReleaseCarry must be from 0 to 5 seconds.";
        }

        if (MaxQueueWait < TimeSpan.Zero)
        {
            yield return "Gateway:MaxQueueWait must not be negative.";
        }

        if (CountTokensMaxWait < TimeSpan.Zero)
        {
            yield return "Gateway:CountTokensMaxWait must not be negative.";
        }

        if (DefaultOpenAiMaxTokens < 1)
        {
            yield return "Gateway:DefaultOpenAiMaxTokens must be positive.";
        }

        if (TryConfigureBetas(out var betaProblem) is null)
        {
            yield return betaProblem!;
        }

        FieldPolicy.Configure(SplitList(FieldRules), out var fieldProblems);
        foreach (var problem in fieldProblems)
        {
            yield return problem;
        }

        Models.ModelAliases.Parse(ModelAliases, out var aliasProblems);
        foreach (var problem in aliasProblems)
        {
            yield return problem;
        }
    }
}
