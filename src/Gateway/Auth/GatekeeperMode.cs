namespace OrleansProxy.Gateway.Auth;

/// <summary>Who may call the proxy API (<c>GATEKEEPER</c>).</summary>
public enum GatekeeperMode
{
    /// <summary>Anyone who can reach it: an open proxy.</summary>
    None,

    /// <summary>Whoever holds the one <c>PROXY_KEY</c>.</summary>
    ProxyKey,

    /// <summary>Users, each with a token of its own, limits, quotas, budgets and usage.</summary>
    UserToken,
}
