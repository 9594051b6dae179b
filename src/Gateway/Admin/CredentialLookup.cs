using System.Text.RegularExpressions;
using OrleansProxy.Credentials;

namespace OrleansProxy.Gateway.Admin;

/// <summary>Finds a registered credential by id without creating state for ids that were never registered.</summary>
public static partial class CredentialLookup
{
    /// <summary>Whether <paramref name="id"/> has the shape of a credential id (12 lower-case hex digits).</summary>
    public static bool IsWellFormed(string id) => IdPattern().IsMatch(id);

    /// <summary>Whether a snapshot belongs to a registered, not retired credential (an unknown id has no descriptor).</summary>
    public static bool IsRegistered(CredentialSnapshot snapshot) => snapshot.Descriptor.Region.Length > 0 && !snapshot.Retired;

    /// <summary>The credential's snapshot, or null when the id is unknown or retired.</summary>
    public static async Task<CredentialSnapshot?> FindAsync(IGrainFactory grains, string id)
    {
        if (!IsWellFormed(id))
        {
            return null;
        }

        var snapshot = await grains.GetGrain<ICredentialGrain>(id).GetSnapshotAsync();
        return IsRegistered(snapshot) ? snapshot : null;
    }

    /// <summary>
    /// Runs the credential's checks and returns the result; when they outlast the grain call timeout they go on in
    /// the grain and the current state is returned.
    /// </summary>
    public static async Task<CredentialSnapshot> RecheckAsync(IGrainFactory grains, string id)
    {
        var grain = grains.GetGrain<ICredentialGrain>(id);
        try
        {
            return await grain.RecheckAsync();
        }
        catch (TimeoutException)
        {
            return await grain.GetSnapshotAsync();
        }
    }

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex IdPattern();
}
