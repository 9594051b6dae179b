using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace OrleansProxy.Hosting;

/// <summary>Listening defaults shared by the Silo and Gateway web hosts.</summary>
public static class WebHostDefaults
{
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
