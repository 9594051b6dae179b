using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrleansProxy.LoadTest.Signing;
using Yarp.ReverseProxy.Forwarder;

namespace OrleansProxy.LoadTest.Yarp;

/// <summary>
/// The least a signing Bedrock proxy must do, and nothing of OrleansProxy's: buffer the body (SigV4 signs its
/// hash), sign with one fixed credential, forward with YARP's <see cref="IHttpForwarder"/> and stream the answer
/// back. The baseline row (b). Prints <c>YARP listening on URL</c> once it accepts requests.
/// </summary>
internal static class SigningPassThrough
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = YarpOptions.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHttpForwarder();
        await using var app = builder.Build();

        // YARP's direct-forwarding setup: one shared invoker, no proxy, redirects, cookies or decompression.
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        var transformer = new SigV4Transformer(new BedrockSigner(options.Credential));
        var requestConfig = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(60) };
        var upstream = options.Upstream.GetLeftPart(UriPartial.Authority);

        app.Map("/{**path}", async (HttpContext http, IHttpForwarder forwarder) =>
        {
            var body = await ReadBodyAsync(http.Request, http.RequestAborted);
            if (body is null)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            http.Items[SigV4Transformer.PayloadSha256Key] = Convert.ToHexStringLower(SHA256.HashData(body));
            http.Request.Body = new MemoryStream(body, writable: false);
            var error = await forwarder.SendAsync(http, upstream, invoker, requestConfig, transformer);
            if (error != ForwarderError.None)
            {
                var failure = http.GetForwarderErrorFeature()?.Exception;
                app.Logger.LogWarning("Forwarding failed: {Error} {Exception}", error, failure?.Message);
            }
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"YARP listening on {address}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)(request.ContentLength ?? 1024));
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.Length > MaxBodyBytes ? null : buffer.ToArray();
    }
}
