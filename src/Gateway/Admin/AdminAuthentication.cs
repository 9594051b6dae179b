using Microsoft.AspNetCore.Authorization;

namespace OrleansProxy.Gateway.Admin;

/// <summary>The admin key's authentication scheme and authorization policy, and how endpoints require them.</summary>
public static class AdminAuthentication
{
    /// <summary>The authentication scheme that checks the admin key.</summary>
    public const string Scheme = "AdminKey";

    /// <summary>The policy every admin endpoint requires.</summary>
    public const string Policy = "Admin";

    /// <summary>
    /// Requires the admin key on the endpoints. With <paramref name="allowSessionCookie"/>, the browser session
    /// cookie is accepted too (read-only pages a browser navigates to, such as the Orleans Dashboard).
    /// </summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder, bool allowSessionCookie = false)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(Policy);
        if (allowSessionCookie)
        {
            builder.WithMetadata(AdminSessionCookieAllowed.Instance);
        }

        return builder;
    }

    /// <summary>Adds the policy.</summary>
    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
}

/// <summary>Endpoint metadata: the admin session cookie is accepted here, not only the key.</summary>
public sealed class AdminSessionCookieAllowed
{
    /// <summary>The one instance.</summary>
    public static AdminSessionCookieAllowed Instance { get; } = new();
}
