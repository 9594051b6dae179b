namespace OrleansProxy.Gateway.Hosting;

/// <summary>Whether this gateway co-hosts a silo (standalone) or is a pure cluster client.</summary>
/// <param name="Name"><c>standalone</c> or <c>cluster</c>.</param>
public sealed record GatewayMode(string Name);
