using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansProxy.Testing.FakeBedrock.Control;
using OrleansProxy.Testing.FakeBedrock.Endpoints;

namespace OrleansProxy.Testing.FakeBedrock.Hosting;

/// <summary>Builds the ASP.NET Core app of one fake: Kestrel, the control API, and the Bedrock handler for every other path.</summary>
internal static class FakeBedrockApp
{
    public static WebApplication Build(FakeBedrockState state)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeBedrockApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(state.Options.ListenAddress, state.Options.Port);
        });

        var app = builder.Build();
        app.MapFakeControlApi(state);

        // Not a routed endpoint: Bedrock paths are matched on the raw target by the handler itself.
        var bedrock = new BedrockRequestHandler(state);
        app.Use(next => context => context.GetEndpoint() is null ? bedrock.HandleAsync(context) : next(context));
        return app;
    }
}
