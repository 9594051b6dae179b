namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>
/// Makes streaming invocations end with an event-stream exception frame
/// (<c>:message-type=exception</c>, <c>:exception-type=<paramref name="ExceptionType"/></c>) after
/// <paramref name="AfterChunks"/> text chunks, as Bedrock does when a stream fails half way.
/// </summary>
/// <param name="ExceptionType">e.g. <c>throttlingException</c>, <c>modelStreamErrorException</c>, <c>internalServerException</c>.</param>
/// <param name="AfterChunks">How many text delta frames go out before the exception frame.</param>
public sealed record FakeMidStreamException(string ExceptionType, int AfterChunks);
