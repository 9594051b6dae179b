namespace OrleansProxy.Testing.FakeBedrock.Errors;

/// <summary>
/// One AWS REST-JSON error answer. <paramref name="Namespace"/> is the Coral namespace AWS puts
/// after the type name in <c>x-amzn-ErrorType</c>: the authentication layer answers from
/// <c>com.amazon.coral.service</c>, Bedrock itself from <c>com.amazon.bedrock</c>.
/// </summary>
public sealed record AwsError(int StatusCode, string Type, string Message, string Namespace)
{
    /// <summary>The <c>x-amzn-ErrorType</c> header value, e.g. <c>ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/</c>.</summary>
    public string ErrorTypeHeader => $"{Type}:http://internal.amazon.com/coral/{Namespace}/";
}
