namespace OrleansProxy.Hosting.Tests;

public sealed class ProxyWebHostTests : IDisposable
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private readonly string _root = Directory.CreateTempSubdirectory("proxy-webhost-").FullName;
    private readonly string _app;
    private readonly string _elsewhere;

    public ProxyWebHostTests()
    {
        _app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        _elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(_app, "appsettings.json"), "{}");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ContentRoot_StartedFromADirectoryWithoutSettings_IsTheApplicationsDirectory()
    {
        Assert.Equal(_app, ProxyWebHost.ContentRootFallback([], _elsewhere, _app, NoEnvironment));
    }

    [Fact]
    public void ContentRoot_StartedWhereTheSettingsAre_IsLeftToTheDefault()
    {
        File.WriteAllText(Path.Combine(_elsewhere, "appsettings.json"), "{}");

        Assert.Null(ProxyWebHost.ContentRootFallback([], _elsewhere, _app, NoEnvironment));
    }

    [Theory]
    [InlineData("--contentRoot", null)]
    [InlineData("--contentroot=/srv/proxy", null)]
    [InlineData(null, "ASPNETCORE_CONTENTROOT")]
    [InlineData(null, "DOTNET_CONTENTROOT")]
    public void ContentRoot_ChosenByTheOperator_IsLeftAlone(string? argument, string? variable)
    {
        string[] args = argument is null ? [] : [argument, "/srv/proxy"];
        string? Environment(string name) => name == variable ? "/srv/proxy" : null;

        Assert.Null(ProxyWebHost.ContentRootFallback(args, _elsewhere, _app, Environment));
    }

    [Fact]
    public void ContentRoot_WhenTheApplicationShipsNoSettings_IsLeftToTheDefault()
    {
        File.Delete(Path.Combine(_app, "appsettings.json"));

        Assert.Null(ProxyWebHost.ContentRootFallback([], _elsewhere, _app, NoEnvironment));
    }
}
