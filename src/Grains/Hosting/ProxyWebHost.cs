using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace OrleansProxy.Hosting;

/// <summary>Listening defaults shared by the Silo and Gateway web hosts.</summary>
public static class ProxyWebHost
{
    private const string SettingsFile = "appsettings.json";

    /// <summary>
    /// <see cref="WebApplication.CreateBuilder(string[])"/> without watching the appsettings files for changes, and
    /// with the shipped settings found wherever the process starts. The proxy is configured from its environment, and
    /// the default watcher follows every file written anywhere under the content root, logs included: with the local
    /// cluster's logs beside it, that cost a node 3–6 % of its CPU. An explicit
    /// <c>--hostBuilder:reloadConfigOnChange=true</c> still turns it back on.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
            ContentRootPath = ContentRootFallback(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Environment.GetEnvironmentVariable),
        });

    /// <summary>
    /// The application's own directory when the working directory holds no <c>appsettings.json</c> and nobody chose a
    /// content root; otherwise null, leaving ASP.NET Core's default (the working directory). A dll started from
    /// elsewhere (a service manager, a script) would otherwise run without the shipped log levels and log four
    /// ASP.NET Core lines per request.
    /// </summary>
    internal static string? ContentRootFallback(
        IReadOnlyList<string> args, string currentDirectory, string baseDirectory, Func<string, string?> environment)
    {
        var chosen = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"));
        if (chosen || File.Exists(Path.Combine(currentDirectory, SettingsFile)))
        {
            return null;
        }

        return File.Exists(Path.Combine(baseDirectory, SettingsFile)) ? baseDirectory : null;
    }

    /// <summary>
    /// Listens on <c>http://0.0.0.0:{PORT}</c> (<paramref name="defaultPort"/> when <c>PORT</c> is unset) unless
    /// <c>--urls</c> / <c>ASPNETCORE_URLS</c> say otherwise.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder, int defaultPort)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["urls"]) || !string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"]))
        {
            return builder;
        }

        var port = builder.Configuration["PORT"];
        if (!string.IsNullOrWhiteSpace(port) && !(int.TryParse(port, out var parsed) && parsed is > 0 and < 65536))
        {
            throw new InvalidOperationException("PORT must be a TCP port number (1-65535).");
        }

        builder.WebHost.UseUrls($"http://0.0.0.0:{(string.IsNullOrWhiteSpace(port) ? defaultPort : int.Parse(port))}");
        return builder;
    }
}
