using System.Diagnostics.CodeAnalysis;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>Either a request ready for Bedrock or the error to answer the client with.</summary>
public sealed class RequestParseResult
{
    private RequestParseResult(TranslatedRequest? request, ProxyError? error)
    {
        Request = request;
        Error = error;
    }

    /// <summary>The translated request, when parsing succeeded.</summary>
    public TranslatedRequest? Request { get; }

    /// <summary>The client error (4xx), when it did not.</summary>
    public ProxyError? Error { get; }

    /// <summary>Whether <see cref="Request"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Request is not null;

    /// <summary>A successful parse.</summary>
    public static RequestParseResult Success(TranslatedRequest request) => new(request, null);

    /// <summary>A refused request.</summary>
    public static RequestParseResult Failure(ProxyError error) => new(null, error);

    /// <inheritdoc />
    public static implicit operator RequestParseResult(ProxyError error) => Failure(error);

    /// <inheritdoc />
    public static implicit operator RequestParseResult(TranslatedRequest request) => Success(request);
}
