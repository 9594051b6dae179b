using OrleansProxy.Bedrock;

namespace OrleansProxy.Gateway.Streaming;

/// <summary>One decoded frame of Bedrock's <c>application/vnd.amazon.eventstream</c> answer.</summary>
public readonly struct BedrockStreamEvent
{
    private BedrockStreamEvent(BedrockStreamEventKind kind, ReadOnlyMemory<byte> chunk, BedrockError? error, string? failure)
    {
        Kind = kind;
        Chunk = chunk;
        Error = error;
        Failure = failure;
    }

    /// <summary>Which of the three it is.</summary>
    public BedrockStreamEventKind Kind { get; }

    /// <summary>For <see cref="BedrockStreamEventKind.Chunk"/>: the model's JSON event (e.g. <c>{"type":"message_start",…}</c>).</summary>
    public ReadOnlyMemory<byte> Chunk { get; }

    /// <summary>For <see cref="BedrockStreamEventKind.Exception"/>: Bedrock's error.</summary>
    public BedrockError? Error { get; }

    /// <summary>For <see cref="BedrockStreamEventKind.Corrupt"/>: what was wrong with the stream.</summary>
    public string? Failure { get; }

    internal static BedrockStreamEvent FromChunk(ReadOnlyMemory<byte> json) => new(BedrockStreamEventKind.Chunk, json, null, null);

    internal static BedrockStreamEvent FromException(BedrockError error) => new(BedrockStreamEventKind.Exception, default, error, null);

    internal static BedrockStreamEvent FromFailure(string failure) => new(BedrockStreamEventKind.Corrupt, default, null, failure);
}
