namespace OrleansProxy.Credentials;

/// <summary>Derives a credential's status and usability from its state: the privacy rule lives here.</summary>
public static class CredentialStatusPolicy
{
    /// <summary>The status and a one-line reason.</summary>
    public static (CredentialStatus Status, string Reason) Derive(CredentialState state)
    {
        if (state.Revoked)
        {
            return (CredentialStatus.Revoked, state.RevokedReason ?? "AWS rejected the key");
        }

        switch (state.Logging)
        {
            case LoggingCheck.NotChecked:
                return (CredentialStatus.Unchecked, state.LoggingDetail);
            case LoggingCheck.On:
                return (CredentialStatus.LoggingEnabled, state.LoggingDetail);
            case LoggingCheck.Unknown:
                return (CredentialStatus.LoggingUnknown, state.LoggingDetail);
        }

        var anyGranted = false;
        var anyUnknown = false;
        foreach (var family in Checks.BedrockChecker.FamiliesToProbe(state.Listing))
        {
            var access = state.Families.TryGetValue(family, out var f) ? f.Access : FamilyAccess.Unknown;
            anyGranted |= access == FamilyAccess.Granted;
            anyUnknown |= access == FamilyAccess.Unknown;
        }

        if (anyGranted)
        {
            return (CredentialStatus.Active, "logging is off and models are reachable");
        }

        return anyUnknown
            ? (CredentialStatus.Unchecked, "model access not proven yet")
            : (CredentialStatus.NoAccess, "no Claude model is reachable in this region");
    }

    /// <summary>
    /// Whether the credential may be leased at all: not retired, not disabled, not revoked, and logging
    /// conclusively off unless <paramref name="allowAwsLogging"/>.
    /// </summary>
    public static bool IsUsable(CredentialState state, CredentialStatus status, bool allowAwsLogging)
    {
        if (state.Retired || state.Disabled)
        {
            return false;
        }

        return status switch
        {
            CredentialStatus.Active => true,
            CredentialStatus.LoggingEnabled or CredentialStatus.LoggingUnknown => allowAwsLogging,
            _ => false,
        };
    }
}
