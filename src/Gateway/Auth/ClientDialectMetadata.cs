using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Auth;

/// <summary>Endpoint metadata naming the dialect an endpoint speaks, so errors come back in its shape.</summary>
/// <param name="Dialect">The endpoint's dialect.</param>
public sealed record ClientDialectMetadata(ClientDialect Dialect);
