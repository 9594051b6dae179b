namespace OrleansProxy.Credentials;

/// <summary>The SigV4 headers to add to a request (Authorization, X-Amz-Date, X-Amz-Content-SHA256).</summary>
/// <param name="Headers">Header name to value.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.SignedHeaders")]
public sealed record SignedHeaders([property: Id(0)] IReadOnlyDictionary<string, string> Headers);
