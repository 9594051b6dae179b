namespace OrleansProxy.Gateway.Admin;

/// <summary>Who may use the admin API and dashboards. Bound from the <c>Admin</c> section and <c>ADMIN_KEY</c>.</summary>
public sealed class AdminOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Admin";

    /// <summary>The shortest admin key accepted.</summary>
    public const int MinKeyLength = 16;

    /// <summary>
    /// The key operators send (<c>ADMIN_KEY</c>), as <c>x-admin-key</c> or <c>Authorization: Bearer</c>. Separate from
    /// <c>PROXY_KEY</c>. Default: none, and then every admin endpoint answers 403 (disabled, never open). Never
    /// logged or shown; the audit log names it by <see cref="AdminKey.Fingerprint"/> only.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>How long the browser session cookie for the Orleans Dashboard stays valid. Default: 12 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Every problem with the values, for start-up validation.</summary>
    public IEnumerable<string> Validate()
    {
        if (AdminKey is { Length: > 0 and < MinKeyLength })
        {
            yield return $"ADMIN_KEY must be at least {MinKeyLength} characters.";
        }

        if (SessionLifetime < TimeSpan.FromMinutes(1) || SessionLifetime > TimeSpan.FromDays(7))
        {
            yield return "Admin:SessionLifetime must be between 1 minute and 7 days.";
        }
    }
}
