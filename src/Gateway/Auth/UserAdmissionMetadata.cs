namespace OrleansProxy.Gateway.Auth;

/// <summary>
/// Endpoint metadata: the endpoint asks the user grain to admit its request itself (with the model's family, a
/// slot and a reservation), so the <see cref="Gatekeeper"/> does not spend a grain call checking the token first.
/// </summary>
public sealed class UserAdmissionMetadata
{
    /// <summary>The one instance.</summary>
    public static UserAdmissionMetadata Instance { get; } = new();
}
