using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// Authenticates admin requests by the admin key (<c>x-admin-key</c> or <c>Authorization: Bearer</c>), or by the
/// session cookie where an endpoint allows it. Challenges answer 401 with a JSON error, or 403 when no
/// <c>ADMIN_KEY</c> is configured (the admin endpoints are disabled, never open).
/// </summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey key,
    AdminSession session) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!key.IsConfigured)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (AdminKey.Presented(Request) is { } presented)
        {
            return Task.FromResult(key.Matches(presented)
                ? Success("key")
                : AuthenticateResult.Fail("The admin key presented is wrong."));
        }

        if (Context.GetEndpoint()?.Metadata.GetMetadata<AdminSessionCookieAllowed>() is not null
            && session.IsValid(Request.Cookies[AdminSession.CookieName]))
        {
            return Task.FromResult(Success("session"));
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!key.IsConfigured)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Response.WriteAsJsonAsync(AdminErrors.Disabled, AdminJson.Options);
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"admin\"";
        return Response.WriteAsJsonAsync(AdminErrors.Unauthorized, AdminJson.Options);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(key.IsConfigured ? AdminErrors.Unauthorized : AdminErrors.Disabled, AdminJson.Options);
    }

    private AuthenticateResult Success(string method)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin:" + key.Fingerprint), new Claim("admin_auth", method)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
