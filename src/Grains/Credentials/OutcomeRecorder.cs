using OrleansProxy.Throttling;

namespace OrleansProxy.Credentials;

/// <summary>Applies a gateway's outcome report to a credential's state.</summary>
public static class OutcomeRecorder
{
    private const int MaxMessageLength = 300;

    /// <summary>Updates counters, lockouts, access and revocation; returns whether selection-relevant state changed.</summary>
    public static bool Apply(CredentialState state, FamilyState family, RequestOutcome outcome, ThrottleBackoff backoff, DateTimeOffset now)
    {
        var usage = family.Usage;
        var requests = usage.Requests + 1;
        var input = usage.InputTokens + Math.Max(0, outcome.InputTokens);
        var output = usage.OutputTokens + Math.Max(0, outcome.OutputTokens);
        var errors = usage.Errors;
        var throttles = usage.Throttles;
        var changed = false;
        state.LastUsedAt = now;

        switch (outcome.Kind)
        {
            case OutcomeKind.Success:
                changed = family.LockedUntil is not null || family.Access != FamilyAccess.Granted;
                family.ConsecutiveThrottles = 0;
                family.LockedUntil = null;
                // A served call is proof of access, fresher than any probe.
                family.Access = FamilyAccess.Granted;
                family.AccessCheckedAt = now;
                break;
            case OutcomeKind.Throttled:
                throttles++;
                family.ConsecutiveThrottles++;
                family.LockedUntil = now + backoff.LockoutFor(family.ConsecutiveThrottles, outcome.RetryAfter);
                changed = true;
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

        family.Usage = new FamilyUsage(requests, input, output, errors, throttles);
        return changed;
    }

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
