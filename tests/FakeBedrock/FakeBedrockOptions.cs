using System.Net;

namespace OrleansProxy.Testing.FakeBedrock;

/// <summary>Settings of one fake Bedrock server.</summary>
public sealed class FakeBedrockOptions
{
    /// <summary>TCP port to listen on. Default 0: any free port (read it from <see cref="FakeBedrockServer.BaseUri"/>).</summary>
    public int Port { get; init; }

    /// <summary>Address to listen on. Default 127.0.0.1; a multi-host drill may use <see cref="IPAddress.Any"/>.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// The fake's clock: judges <c>x-amz-date</c>, stamps recorded requests and runs
    /// <see cref="Behaviour.FakeAccount.Latency"/> and stream delays, so a <c>FakeTimeProvider</c>
    /// drives all of them. Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How far <c>x-amz-date</c> may be from the fake's clock, either way. Default 15 minutes, as AWS allows.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How many recent requests <see cref="FakeBedrockServer.Requests"/> keeps. Default 10 000; 0 records none.</summary>
    public int RequestLogCapacity { get; init; } = 10_000;

    /// <summary>
    /// Most inference profiles one ListInferenceProfiles page holds, whatever <c>maxResults</c> asks: Bedrock sends short
    /// pages with a nextToken (8 of 1000 asked in ap-southeast-2), so clients must page. Default 10.
    /// </summary>
    public int InferenceProfilePageSize { get; init; } = 10;

    /// <summary>
    /// The most input tokens (the fake's estimate, a quarter of the prompt's characters) any model takes; a longer
    /// prompt is refused as Bedrock does, 400 ValidationException "Input is too long for requested model.". Default
    /// 200 000; tests lower it to provoke the refusal Claude Code compacts on.
    /// </summary>
    public int ContextWindowTokens { get; init; } = 200_000;

    /// <summary>
    /// Shortest prefix, in the fake's tokens (four characters each), that the prompt cache stores: shorter marked prefixes
    /// are neither written nor read, as with Bedrock (1,024 tokens for most Claude models). Default 1024.
    /// </summary>
    public int PromptCacheMinTokens { get; init; } = 1024;
}
