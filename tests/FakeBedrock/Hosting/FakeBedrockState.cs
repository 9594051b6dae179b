using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Invocation;
using OrleansProxy.Testing.FakeBedrock.Recording;
using OrleansProxy.Testing.FakeBedrock.Signing;

namespace OrleansProxy.Testing.FakeBedrock.Hosting;

/// <summary>Everything one fake Bedrock instance knows, shared by its endpoints and its public handle.</summary>
internal sealed class FakeBedrockState
{
    private Func<ModelRequestContext, string> _replyText = ModelRequestContext.DefaultReply;

    public FakeBedrockState(FakeBedrockOptions options)
    {
        Options = options;
        Recorder = new RequestRecorder(options.RequestLogCapacity);
        Verifier = new SigV4Verifier("bedrock", Credentials.FindSigning, options.Time, options.MaxClockSkew);
        PromptCache = new PromptCache(options.Time, options.PromptCacheMinTokens);
    }

    /// <summary>Bedrock's prompt cache, per account, region, model and prefix.</summary>
    public PromptCache PromptCache { get; }

    public FakeBedrockOptions Options { get; }

    public TimeProvider Time => Options.Time;

    public CredentialRegistry Credentials { get; } = new();

    public RequestRecorder Recorder { get; }

    /// <summary>The models this instance serves: the built-in table plus any a test launched.</summary>
    public Models.FakeModels Models { get; } = new();

    public SigV4Verifier Verifier { get; }

    private int _contextWindowTokens = -1;

    /// <summary>The context window every model has now: <see cref="FakeBedrockOptions.ContextWindowTokens"/> until a test sets it.</summary>
    public int ContextWindowTokens
    {
        get => Volatile.Read(ref _contextWindowTokens) is var tokens and >= 0 ? tokens : Options.ContextWindowTokens;
        set => Volatile.Write(ref _contextWindowTokens, value);
    }

    public Func<ModelRequestContext, string> ReplyText
    {
        get => Volatile.Read(ref _replyText);
        set => Volatile.Write(ref _replyText, value ?? throw new ArgumentNullException(nameof(value)));
    }
}
