using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Models;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>What the "model" answers to one invocation, before it is written as JSON or as a stream.</summary>
internal sealed record InvocationAnswer(FakeModel Model, FakeModelApi Api, string Reply, int InputTokens, int OutputTokens, FakeCacheUsage? Cache = null);
