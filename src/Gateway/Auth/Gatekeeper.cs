using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.Translation;
using OrleansProxy.Gateway.Users;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Auth;

/// <summary>
/// Lets a request into the proxy API by <see cref="GatekeeperMode"/>: anyone (<c>none</c>); the holder of
/// <c>PROXY_KEY</c> (compared in constant time on SHA-256 digests); or a user token (<c>user_token</c>), found in
/// the token directory by its hash and marked on the request as its <see cref="CallerUser"/>. Keys and tokens come as
/// <c>x-api-key</c> or <c>Authorization: Bearer</c>, as the SDKs send them. Refusals are in the endpoint's dialect.
/// </summary>
public sealed partial class Gatekeeper(
    IOptions<GatewayOptions> options, TokenDirectoryCache directory, GrainReferences grains, ILogger<Gatekeeper> logger) : IEndpointFilter
{
    private readonly KeyDigest _key = new(options.Value.GatekeeperMode == GatekeeperMode.ProxyKey ? options.Value.ProxyKey : null);

    /// <summary>The mode in force.</summary>
    public GatekeeperMode Mode { get; } = options.Value.GatekeeperMode;

    /// <summary>Whether anyone may call the proxy.</summary>
    public bool IsOpen => Mode == GatekeeperMode.None;

    /// <summary>
    /// Who a request is when no user is known, for scoping its prompt-cache session: the key's fingerprint (every
    /// holder of the one proxy key is one caller). A user's requests are scoped by the user (see <see cref="CallerUser"/>).
    /// </summary>
    public string CallerScope => "key:" + _key.Fingerprint;

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        switch (Mode)
        {
            case GatekeeperMode.None:
                return await next(context);
            case GatekeeperMode.ProxyKey:
                return _key.Matches(KeyDigest.Presented(http.Request, "x-api-key"))
                    ? await next(context)
                    : Refuse(http, new ProxyError(StatusCodes.Status401Unauthorized, ErrorTypes.Authentication,
                        "Missing or invalid proxy key. Send it as the x-api-key header or as Authorization: Bearer <key>."), null);
        }

        if (KeyDigest.Presented(http.Request, "x-api-key") is not { } token)
        {
            return Refuse(http, UserErrors.Missing, null);
        }

        var hash = UserTokens.Hash(token);
        try
        {
            if (await directory.ResolveAsync(hash, http.RequestAborted) is not { } userId)
            {
                LogUnknownToken(logger, hash[..8]);
                return Refuse(http, UserErrors.Unknown, null);
            }

            var caller = new CallerUser(userId, hash);
            caller.AttachTo(http);
            if (http.GetEndpoint()?.Metadata.GetMetadata<UserAdmissionMetadata>() is null)
            {
                // Endpoints that take no slot (the model list, /me, count_tokens before its model is known) still
                // refuse a disabled, expired or rotated-away token.
                var admission = await GrainCalls.RetryAsync(
                    () => grains.User(userId).AdmitAsync(AdmissionRequest.Check(hash, null)), null, http.RequestAborted);
                if (!admission.IsAdmitted)
                {
                    return Refuse(http, UserErrors.For(admission, options.Value.MaxQueueWait), UserErrors.RetryAfter(admission));
                }
            }
        }
        catch (Exception exception) when (GrainCalls.IsTransient(exception))
        {
            return Refuse(http, new ProxyError(503, ErrorTypes.Overloaded,
                "The proxy's cluster is unavailable right now (its user directory did not answer). Retry shortly."), TimeSpan.FromSeconds(1));
        }

        return await next(context);
    }

    /// <summary>Writes nothing yet: the refusal's status, headers and body in the endpoint's dialect, as a result.</summary>
    public static IResult Refuse(HttpContext http, ProxyError error, TimeSpan? retryAfter)
    {
        var dialect = http.GetEndpoint()?.Metadata.GetMetadata<ClientDialectMetadata>()?.Dialect ?? ClientDialect.AnthropicMessages;
        ErrorBodies.Prepare(http.Response, dialect, error);
        ErrorBodies.SetRetryHeaders(http.Response, error, retryAfter);

        return Results.Bytes(ErrorBodies.For(dialect, error), "application/json");
    }

    // The hash's first 8 hex digits identify a token in logs without being usable (the token itself is never logged).
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Refused an unknown user token (hash {TokenHashPrefix}…)")]
    private static partial void LogUnknownToken(ILogger logger, string tokenHashPrefix);
}
