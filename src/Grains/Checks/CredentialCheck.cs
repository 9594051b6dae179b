using OrleansProxy.Credentials;
using OrleansProxy.Models;

namespace OrleansProxy.Checks;

/// <summary>
/// One full check of a credential: the logging configuration first, then the listing of the region's models, then one
/// free probe per model family (the table's and those only the listing has).
/// Probes are skipped while logging is not conclusively off and <c>ALLOW_AWS_LOGGING</c> is off, so nothing is
/// sent to an account that may log it. Inconclusive answers leave earlier findings in place.
/// </summary>
/// <param name="checker">Makes the calls.</param>
/// <param name="allowAwsLogging">Whether credentials with logging on may be used (and so are probed).</param>
/// <param name="time">The proxy's clock.</param>
public sealed class CredentialCheck(BedrockChecker checker, bool allowAwsLogging, TimeProvider time)
{
    /// <summary>Runs the check and writes its findings into <paramref name="state"/>.</summary>
    public async Task<CheckOutcome> RunAsync(AwsCredential credential, CredentialState state, CancellationToken cancellationToken)
    {
        var logging = await checker.CheckLoggingAsync(credential, cancellationToken);
        switch (logging.Verdict)
        {
            case CheckVerdict.Revoked:
                MarkRevoked(state, logging.Detail);
                return new CheckOutcome(Complete: true);
            case CheckVerdict.Throttled:
            case CheckVerdict.Transient:
                state.LastError = new CredentialError(time.GetUtcNow(), "Check", logging.Detail);
                return new CheckOutcome(Complete: false);
        }

        state.Logging = logging.Logging;
        state.LoggingDetail = logging.Detail;
        state.LoggingCheckedAt = time.GetUtcNow();
        if (logging.Logging != LoggingCheck.Off && !allowAwsLogging)
        {
            // The key answered, so it is not revoked; whether it reaches models is not worth a request.
            state.Revoked = false;
            state.RevokedReason = null;
            return new CheckOutcome(Complete: true);
        }

        var complete = true;
        var anyConclusive = false;
        var listed = await checker.ListModelsAsync(credential, cancellationToken);
        switch (listed.Verdict)
        {
            case CheckVerdict.Revoked:
                MarkRevoked(state, listed.Detail);
                return new CheckOutcome(Complete: true);
            case CheckVerdict.Conclusive:
                anyConclusive = true;
                state.Listing = listed.Listing;
                state.ListingDetail = listed.Detail;
                break;
            default:
                // Keep the last listing: a flaky control plane must not take models away.
                complete = false;
                state.LastError = new CredentialError(time.GetUtcNow(), "Check", listed.Detail);
                break;
        }

        foreach (var family in BedrockChecker.FamiliesToProbe(state.Listing))
        {
            var probe = await checker.ProbeAsync(credential, family, state.Listing, cancellationToken);
            switch (probe.Verdict)
            {
                case CheckVerdict.Revoked:
                    MarkRevoked(state, probe.Detail);
                    return new CheckOutcome(Complete: true);
                case CheckVerdict.Conclusive:
                    anyConclusive = true;
                    var familyState = state.Family(family);
                    familyState.Access = probe.Access;
                    familyState.AccessCheckedAt = time.GetUtcNow();
                    break;
                default:
                    complete = false;
                    state.LastError = new CredentialError(time.GetUtcNow(), "Check", $"{family}: {probe.Detail}");
                    break;
            }
        }

        if (anyConclusive)
        {
            // A recheck that gets real answers brings back a key once marked revoked.
            state.Revoked = false;
            state.RevokedReason = null;
        }

        return new CheckOutcome(complete);
    }

    private static void MarkRevoked(CredentialState state, string detail)
    {
        state.Revoked = true;
        state.RevokedReason = detail;
    }
}
