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

    /// <summary><c>GET /foundation-models</c> (ListFoundationModels).</summary>
    ListFoundationModels,

    /// <summary><c>GET /foundation-models/{modelIdentifier}</c> (GetFoundationModel).</summary>
    GetFoundationModel,

    /// <summary><c>GET /inference-profiles</c> (ListInferenceProfiles).</summary>
    ListInferenceProfiles,

    /// <summary><c>GET /inference-profiles/{inferenceProfileIdentifier}</c> (GetInferenceProfile).</summary>
    GetInferenceProfile,

    /// <summary><c>POST /model/{modelId}/count-tokens</c> (CountTokens).</summary>
    CountTokens,
}
