using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>How the gateway's host is put together.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HostingTests(GatewayFixture fixture)
{
    [Fact]
    public void AppsettingsFiles_AreNotWatched()
    {
        // A watcher follows every file written under the content root (logs included) and cost nodes 3–6 % of a core.
        var configuration = (IConfigurationRoot)fixture.Factory.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<JsonConfigurationProvider>().ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, file.Source.Path));
    }
}
