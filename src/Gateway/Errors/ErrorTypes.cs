namespace OrleansProxy.Gateway.Errors;

/// <summary>Anthropic's error type names, the vocabulary of <see cref="ProxyError.Type"/>.</summary>
public static class ErrorTypes
{
    /// <summary>400: the request is malformed or names a bad value.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>401: missing or wrong proxy key.</summary>
    public const string Authentication = "authentication_error";

    /// <summary>403: the key may not do this.</summary>
    public const string Permission = "permission_error";

    /// <summary>404: unknown model or resource.</summary>
    public const string NotFound = "not_found_error";

    /// <summary>429: too many requests or tokens.</summary>
    public const string RateLimit = "rate_limit_error";

    /// <summary>500/502/504: something went wrong upstream or in the proxy.</summary>
    public const string Api = "api_error";

    /// <summary>529: no capacity right now.</summary>
    public const string Overloaded = "overloaded_error";
}
