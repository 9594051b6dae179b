using OrleansProxy.Throttling;

namespace OrleansProxy.Credentials;

/// <summary>Applies a gateway's outcome report to a credential's state.</summary>
public static class OutcomeRecorder
{
    private const int MaxMessageLength = 300;

    /// <summary>Updates counters, lockouts, access and revocation; returns whether selection-relevant state changed.</summary>
    /// <param name="state">The credential's state.</param>
    /// <param name="family">The state of the outcome's model family.</param>
    /// <param name="outcome">What the gateway reported.</param>
    /// <param name="backoff">Lockout lengths.</param>
    /// <param name="signedAt">When the credential signed the request, if it still knows (it forgets on deactivation).</param>
    /// <param name="now">The time of the report.</param>
    /// <remarks>
    /// A key under load has many requests in flight when Bedrock starts throttling it. Their answers arrive after the
    /// first throttle was recorded, yet say nothing new: a throttle among them is the same exhausted quota (the backoff
    /// does not double again), and a success among them was admitted before the quota ran out (the lockout stays).
    /// </remarks>
    public static bool Apply(CredentialState state, FamilyState family, RequestOutcome outcome, ThrottleBackoff backoff, DateTimeOffset? signedAt, DateTimeOffset now)
    {
        var usage = family.Usage;
        var requests = usage.Requests + 1;
        var errors = usage.Errors;
        var throttles = usage.Throttles;
        var changed = false;
        state.LastUsedAt = now;

        switch (outcome.Kind)
        {
            case OutcomeKind.Success:
                changed = family.Access != FamilyAccess.Granted;
                if (!SignedBeforeThrottle(family, signedAt, now))
                {
                    changed |= family.LockedUntil is not null;
                    family.ConsecutiveThrottles = 0;
                    family.LockedUntil = null;
                    family.ThrottledAt = null;
                    family.LockKind = null;
                }

                // A served call is proof of access, fresher than any probe.
                family.Access = FamilyAccess.Granted;
                family.AccessCheckedAt = now;
                break;
            case OutcomeKind.Throttled:
                throttles++;
                // In the same run the backoff does not double and the lockout may only grow (a longer hint).
                var sameRun = SignedBeforeThrottle(family, signedAt, now);
                if (!sameRun)
                {
                    family.ConsecutiveThrottles++;
                    family.ThrottledAt = now;
                }

                var kind = ThrottleClassifier.Classify(outcome.Message);
                var until = backoff.LockedUntil(kind, family.ConsecutiveThrottles, outcome.RetryAfter, now);
                // A spent daily quota stays spent until its reset: a per-minute throttle meanwhile must not shorten it.
                var dailyInForce = family.LockKind == ThrottleKind.DailyQuota && family.LockedUntil > now;
                if (family.LockedUntil is not { } locked || until > locked || (!sameRun && !dailyInForce))
                {
                    family.LockedUntil = until;
                    family.LockKind = kind;
                    changed = true;
                }

                break;
            case OutcomeKind.AccessDenied:
                errors++;
                family.Access = outcome.ErrorType == "ResourceNotFoundException" ? FamilyAccess.NotInRegion : FamilyAccess.Denied;
                family.AccessCheckedAt = now;
                changed = true;
                break;
            case OutcomeKind.Revoked:
                errors++;
                changed = !state.Revoked;
                state.Revoked = true;
                state.RevokedReason = $"{outcome.ErrorType ?? "rejected"} from Bedrock";
                state.NextCheckAt = null;
                break;
            case OutcomeKind.UpstreamError:
                errors++;
                break;
            case OutcomeKind.ClientError:
            case OutcomeKind.Cancelled:
                break;
        }

        if (outcome.Kind is not (OutcomeKind.Success or OutcomeKind.Cancelled or OutcomeKind.ClientError))
        {
            var kind = outcome.ErrorType ?? outcome.Kind.ToString();
            family.ErrorsByKind[kind] = family.ErrorsByKind.GetValueOrDefault(kind) + 1;
            state.LastError = new CredentialError(now, kind, Sanitize(outcome.Message));
        }

        family.Usage = new FamilyUsage(
            requests,
            usage.InputTokens + Math.Max(0, outcome.InputTokens),
            usage.OutputTokens + Math.Max(0, outcome.OutputTokens),
            errors,
            throttles,
            usage.CacheReadTokens + Math.Max(0, outcome.CacheReadTokens),
            usage.CacheWrite5mTokens + Math.Max(0, outcome.CacheWrite5mTokens),
            usage.CacheWrite1hTokens + Math.Max(0, outcome.CacheWrite1hTokens));
        return changed;
    }

    // Whether the answered request was signed before the current run of throttles began, so its answer is old news. Not
    // knowing when it was signed, only a lockout still in force says so.
    private static bool SignedBeforeThrottle(FamilyState family, DateTimeOffset? signedAt, DateTimeOffset now) =>
        family.ThrottledAt is { } throttledAt && (signedAt is { } signed ? signed < throttledAt : family.LockedUntil > now);

    /// <summary>Bounds an upstream message and strips anything that looks like a credential or signature.</summary>
    public static string Sanitize(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return "";
        }

        var text = message.Length > MaxMessageLength ? message[..MaxMessageLength] + "…" : message;
        // AWS messages never echo secrets, but a signature mismatch message may quote the string-to-sign.
        var index = text.IndexOf("Signature=", StringComparison.OrdinalIgnoreCase);
        if (index >= 0)
        {
            text = text[..index] + "[signature removed]";
        }

        index = text.IndexOf("The Canonical String", StringComparison.OrdinalIgnoreCase);
        return index >= 0 ? text[..index] + "[canonical request removed]" : text;
    }
}
