namespace OrleansProxy.Gateway.Streaming;

/// <summary>What a <see cref="BedrockStreamEvent"/> carries.</summary>
public enum BedrockStreamEventKind
{
    /// <summary>One model event (decoded JSON) in <see cref="BedrockStreamEvent.Chunk"/>.</summary>
    Chunk,

    /// <summary>Bedrock's own exception frame; see <see cref="BedrockStreamEvent.Error"/>. Bedrock ends the stream after it.</summary>
    Exception,

    /// <summary>
    /// The stream could not be decoded (checksum failure, cut-off frame, unreadable payload); see
    /// <see cref="BedrockStreamEvent.Failure"/>. Nothing more is read after it.
    /// </summary>
    Corrupt,
}
