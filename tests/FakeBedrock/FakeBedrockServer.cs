using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Hosting;
using OrleansProxy.Testing.FakeBedrock.Invocation;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Testing.FakeBedrock;

/// <summary>
/// A fake AWS Bedrock (runtime and control plane on one base URI) that verifies SigV4, speaks
/// Bedrock's errors and event stream, and lets tests steer each access key's behaviour.
/// </summary>
public sealed class FakeBedrockServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeBedrockState _state;

    private FakeBedrockServer(WebApplication app, FakeBedrockState state, Uri baseUri)
    {
        _app = app;
        _state = state;
        BaseUri = baseUri;
    }

    /// <summary>Where both the runtime and the control-plane endpoints live, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Requests recorded so far (in flight ones included), in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Recorder.Snapshot();

    /// <summary>Requests being served right now, streams in progress included.</summary>
    public int OpenRequests => _state.Recorder.OpenRequests;

    /// <summary>The text the model answers; defaults to <see cref="ModelRequestContext.DefaultReply"/>.</summary>
    public Func<ModelRequestContext, string> ReplyText
    {
        get => _state.ReplyText;
        set => _state.ReplyText = value;
    }

    /// <summary>The most input tokens a prompt may have (see <see cref="FakeBedrockOptions.ContextWindowTokens"/>); settable.</summary>
    public int ContextWindowTokens
    {
        get => _state.ContextWindowTokens;
        set => _state.ContextWindowTokens = value;
    }

    /// <summary>Every key the fake knows, by access key id.</summary>
    public IReadOnlyCollection<FakeAccount> Credentials => _state.Credentials.All;

    /// <summary>Starts Kestrel on <see cref="FakeBedrockOptions.ListenAddress"/> (127.0.0.1) and <see cref="FakeBedrockOptions.Port"/> (0: any free port).</summary>
    public static async Task<FakeBedrockServer> StartAsync(FakeBedrockOptions? options = null, CancellationToken cancellationToken = default)
    {
        var state = new FakeBedrockState(options ?? new FakeBedrockOptions());
        var app = FakeBedrockApp.Build(state);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FakeBedrockServer(app, state, new Uri(address));
    }

    /// <summary>Makes a key known (or replaces one, resetting its knobs) and returns its behaviour handle.</summary>
    public FakeAccount AddCredential(string accessKeyId, string secretAccessKey, string region) =>
        _state.Credentials.Add(accessKeyId, secretAccessKey, region);

    /// <summary>The behaviour handle of a known key; throws <see cref="KeyNotFoundException"/> for an unknown one.</summary>
    public FakeAccount Credential(string accessKeyId) => _state.Credentials.Get(accessKeyId);

    /// <summary>Completes once no request is open; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task WaitForNoOpenRequestsAsync(TimeSpan timeout) => _state.Recorder.WaitForNoOpenRequestsAsync(timeout);

    public void ClearRequests() => _state.Recorder.Clear();

    /// <summary>Forgets every prompt-cache entry (of every account), as if their lifetimes had run out.</summary>
    public void ClearPromptCache() => _state.PromptCache.Clear();

    /// <summary>Prompt-cache entries alive now, over all accounts, regions and models.</summary>
    public int PromptCacheEntries => _state.PromptCache.Count(_state.Time.GetUtcNow());

    /// <summary>
    /// Adds a model "Bedrock just launched" to this instance only (listed, invocable, e.g. <c>anthropic.claude-opus-6</c>
    /// through <c>us.</c>/<c>global.</c> profiles), so a test can show the product serving it without a code change.
    /// </summary>
    public Models.FakeModel LaunchModel(Models.FakeModel model) => _state.Models.Launch(model, _state.Time.GetUtcNow());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
