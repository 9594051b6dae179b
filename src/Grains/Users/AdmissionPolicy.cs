using System.Globalization;

namespace OrleansProxy.Users;

/// <summary>
/// Decides one admission from a user's state, its minute window and its slots, in the order a client can act on:
/// who (token, disabled, expired), what (family), how much is left (quotas, budgets), how fast (requests and tokens
/// per minute), how many at once (concurrency, the only refusal a short wait in the queue can cure).
/// </summary>
public static class AdmissionPolicy
{
    private static readonly TimeSpan ConcurrencyPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>The decision; admitting takes the slot and counts the request.</summary>
    public static Admission Decide(
        UserState state, UsageLedger ledger, MinuteWindow window, UserSlots slots, AdmissionRequest request, DateTimeOffset now)
    {
        if (Identify(state, request.TokenHash, now) is { } refused)
        {
            return refused;
        }

        var spec = state.Spec!;
        if (request.Family is { } family)
        {
            if (!spec.Allows(family))
            {
                return new Admission(RefusalKind.FamilyNotAllowed,
                    $"This user may not use {family} models (allowed: {string.Join(", ", spec.AllowedFamilies!)}).");
            }

            if (request.SlotId != Guid.Empty && Spent(spec, ledger, family, now) is { } spent)
            {
                return spent;
            }
        }

        if (request.SlotId == Guid.Empty || slots.Contains(request.SlotId))
        {
            // A check takes nothing; a retried admission (the first answer was lost) keeps the slot it already has.
            return Admission.Admitted;
        }

        var limits = spec.Limits;
        if (limits.RequestsPerMinute is { } rpm && window.Requests(now) >= rpm)
        {
            var retry = window.UntilBelow(now, rpm, tokens: false);
            return new Admission(RefusalKind.RequestRate,
                $"This user's limit of {rpm} requests per minute is reached; retry in {Seconds(retry)} s.", retry);
        }

        if (limits.TokensPerMinute is { } tpm)
        {
            var used = window.Tokens(now);
            var reserved = slots.Reserved(now);
            if (used + reserved >= tpm)
            {
                // Reservations end with their answers, which the window cannot predict: then ask again soon.
                var retry = used >= tpm ? window.UntilBelow(now, tpm, tokens: true) : TimeSpan.FromSeconds(1);
                return new Admission(RefusalKind.TokenRate,
                    $"This user's limit of {tpm} tokens per minute is reached ({used} used, {reserved} reserved by answers in flight); retry in {Seconds(retry)} s.",
                    retry);
            }
        }

        if (limits.MaxConcurrent is { } max && slots.Count(now) >= max)
        {
            var next = slots.NextExpiry();
            var retry = next is { } expiry && expiry - now < ConcurrencyPoll ? expiry - now : ConcurrencyPoll;
            return new Admission(RefusalKind.Concurrency,
                $"This user already has {max} requests in flight, its maxConcurrent limit.", retry);
        }

        slots.Take(request.SlotId, request.ReserveTokens, now, request.SlotTtl);
        window.AddRequest(now);
        return Admission.Admitted;
    }

    /// <summary>A refusal when the token is not the user's current one, or the user is disabled or expired.</summary>
    public static Admission? Identify(UserState state, string tokenHash, DateTimeOffset now)
    {
        if (state.Spec is null || state.TokenHash is null || !HashEquals(state.TokenHash, tokenHash))
        {
            return new Admission(RefusalKind.UnknownToken, "Invalid user token.");
        }

        if (state.Disabled)
        {
            return new Admission(RefusalKind.Disabled,
                state.DisabledReason is { Length: > 0 } reason ? $"This user token is disabled: {reason}" : "This user token is disabled.");
        }

        return state.Spec.ExpiresAt is { } expires && expires <= now
            ? new Admission(RefusalKind.Expired, $"This user token expired at {Time(expires)}.")
            : null;
    }

    /// <summary>A refusal naming the first quota or budget that is spent, and its reset.</summary>
    private static Admission? Spent(UserSpec spec, UsageLedger ledger, string family, DateTimeOffset now)
    {
        var today = UsagePeriods.Day(now);
        foreach (var quota in spec.Quotas)
        {
            if (!quota.Covers(family))
            {
                continue;
            }

            var used = ledger.Sum(quota.Period, today, quota.Covers).AllTokens;
            if (used >= quota.Tokens)
            {
                var resets = UsagePeriods.ResetsAt(quota.Period, now);
                var scope = quota.Family == TokenQuota.AnyFamily ? "all models" : quota.Family;
                return new Admission(RefusalKind.Quota,
                    $"This user's {UsagePeriods.Name(quota.Period)} quota of {quota.Tokens} tokens for {scope} is spent ({used} used); {Reset(resets)}.",
                    resets is { } at ? at - now : TimeSpan.MaxValue, resets);
            }
        }

        foreach (var budget in spec.Budgets)
        {
            var spent = ledger.Sum(budget.Period, today, static _ => true).CostUsd;
            if (spent >= budget.Usd)
            {
                var resets = UsagePeriods.ResetsAt(budget.Period, now);
                return new Admission(RefusalKind.Budget,
                    string.Create(CultureInfo.InvariantCulture,
                        $"This user's {UsagePeriods.Name(budget.Period)} budget of ${budget.Usd:0.00##} is spent (${spent:0.00##} estimated); {Reset(resets)}."),
                    resets is { } at ? at - now : TimeSpan.MaxValue, resets);
            }
        }

        return null;
    }

    private static bool HashEquals(string a, string b) =>
        a.Length == b.Length && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(a), System.Text.Encoding.ASCII.GetBytes(b));

    private static string Reset(DateTimeOffset? resets) =>
        resets is { } at ? $"it resets at {Time(at)}" : "it does not reset (a total)";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
