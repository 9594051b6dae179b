namespace OrleansProxy.Hosting;

/// <summary>How silos check, lease and throttle credentials. Bound from the <c>Pool</c> section.</summary>
public sealed class CredentialPoolOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Pool";

    /// <summary>
    /// Use credentials whose logging check says on or unknown (<c>ALLOW_AWS_LOGGING</c>). Default: false;
    /// privacy first.
    /// </summary>
    public bool AllowAwsLogging { get; set; }

    /// <summary>Time between a credential's periodic checks. Default: 1 hour.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Random spread added to each check time, as a fraction of the interval. Default: 0.1.</summary>
    public double CheckJitter { get; set; } = 0.1;

    /// <summary>Upper bound of the random delay before a new activation's first check. Default: 5 s.</summary>
    public TimeSpan InitialCheckSpread { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retry delay when a check was throttled or failed for a transient reason. Default: 30 s.</summary>
    public TimeSpan CheckRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of each HTTP call a check makes. Default: 10 s.</summary>
    public TimeSpan CheckRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a lease counts as in flight unless renewed or reported back; gateways renew leases of long answers,
    /// so only a dead gateway's leases run out. Default: 2 min.
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First throttle lockout of a family. Default: 2 s.</summary>
    public TimeSpan ThrottleBackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest throttle lockout. Default: 60 s.</summary>
    public TimeSpan ThrottleBackoffMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// UTC time of day at which Bedrock's daily token quotas reset: an account that answered "Too many tokens per day"
    /// stays locked out for that family until then. Default: 00:00 (midnight UTC).
    /// </summary>
    public TimeSpan DailyQuotaReset { get; set; } = TimeSpan.Zero;

    /// <summary>How often the pool asks every credential to re-publish its summary. Default: 5 min.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the pool asks again the credentials it has not heard from since it activated or registered them
    /// (a summary lost while the cluster was forming, a grain whose state was lost). Default: 2 s.
    /// </summary>
    public TimeSpan SilentRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the pool expires leases never reported back. Default: 5 s.</summary>
    public TimeSpan LeaseSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Keep each prompt-cache session on its credential's account and region, where its cache lives (see the README's
    /// Sessions section). Default: true.
    /// </summary>
    public bool SessionAffinity { get; set; } = true;

    /// <summary>
    /// The most sessions the pool remembers; the least recently seen is forgotten first (about 200 bytes each).
    /// Default: 100,000.
    /// </summary>
    public int SessionCapacity { get; set; } = 100_000;

    /// <summary>Every problem with the values, for start-up validation.</summary>
    public IEnumerable<string> Validate()
    {
        if (CheckInterval < TimeSpan.FromSeconds(1))
        {
            yield return "Pool:CheckInterval must be at least 1 second.";
        }

        if (CheckJitter is < 0 or > 0.5)
        {
            yield return "Pool:CheckJitter must be between 0 and 0.5.";
        }

        if (InitialCheckSpread < TimeSpan.Zero)
        {
            yield return "Pool:InitialCheckSpread must not be negative.";
        }

        if (CheckRetryDelay <= TimeSpan.Zero || CheckRequestTimeout <= TimeSpan.Zero)
        {
            yield return "Pool:CheckRetryDelay and Pool:CheckRequestTimeout must be positive.";
        }

        if (LeaseTtl < TimeSpan.FromSeconds(1))
        {
            yield return "Pool:LeaseTtl must be at least 1 second.";
        }

        if (ThrottleBackoffBase <= TimeSpan.Zero || ThrottleBackoffMax < ThrottleBackoffBase)
        {
            yield return "Pool:ThrottleBackoffBase must be positive and not above Pool:ThrottleBackoffMax.";
        }

        if (DailyQuotaReset < TimeSpan.Zero || DailyQuotaReset >= TimeSpan.FromDays(1))
        {
            yield return "Pool:DailyQuotaReset must be a time of day (00:00:00 to 23:59:59).";
        }

        if (ResyncInterval <= TimeSpan.Zero || LeaseSweepInterval <= TimeSpan.Zero || SilentRetryInterval <= TimeSpan.Zero)
        {
            yield return "Pool:ResyncInterval, Pool:SilentRetryInterval and Pool:LeaseSweepInterval must be positive.";
        }

        if (SessionCapacity is < 1 or > 10_000_000)
        {
            yield return "Pool:SessionCapacity must be between 1 and 10,000,000.";
        }
    }
}
