namespace OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

/// <summary>A fresh fake per test with two known keys: one in us-east-1, one in eu-west-1.</summary>
public abstract class FakeBedrockTest : IAsyncLifetime
{
    protected const string UsKey = "AKIAFAKEUSEAST1";
    protected const string UsSecret = "us-secret/K7MDENG+bPxRfiCYEXAMPLEKEY";
    protected const string EuKey = "AKIAFAKEEUWEST1";
    protected const string EuSecret = "eu-secret/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private readonly List<IDisposable> _clients = [];

    protected FakeBedrockServer Server { get; private set; } = null!;

    protected virtual FakeBedrockOptions Options => new();

    public async Task InitializeAsync()
    {
        Server = await FakeBedrockServer.StartAsync(Options);
        Server.AddCredential(UsKey, UsSecret, "us-east-1");
        Server.AddCredential(EuKey, EuSecret, "eu-west-1");
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(client => client.Dispose());
        await Server.DisposeAsync();
    }

    private protected BedrockClient Us() => Client(UsKey, UsSecret, "us-east-1");

    private protected BedrockClient Eu() => Client(EuKey, EuSecret, "eu-west-1");

    private protected BedrockClient Client(string accessKeyId, string secret, string region)
    {
        var client = new BedrockClient(Server.BaseUri, accessKeyId, secret, region);
        _clients.Add(client);
        return client;
    }
}
