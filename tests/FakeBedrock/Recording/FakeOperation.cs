namespace OrleansProxy.Testing.FakeBedrock.Recording;

/// <summary>The Bedrock operation a request addressed.</summary>
public enum FakeOperation
{
    /// <summary>A path the fake does not serve.</summary>
    Unknown,

    /// <summary><c>POST /model/{modelId}/invoke</c>.</summary>
    Invoke,

    /// <summary><c>POST /model/{modelId}/invoke-with-response-stream</c>.</summary>
    InvokeStream,

    /// <summary><c>GET /logging/modelinvocations</c>.</summary>
    GetLoggingConfiguration,
}
