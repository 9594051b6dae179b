using System.Collections.Concurrent;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>Keeps the body of every response a client received, so a secret scan can read them all afterwards.</summary>
public sealed class ResponseRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<(string Path, string Body)> _responses;

    public ResponseRecorder(ConcurrentQueue<(string Path, string Body)> responses)
        : base(new SocketsHttpHandler { UseCookies = false, UseProxy = false, AllowAutoRedirect = false })
    {
        _responses = responses;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        _responses.Enqueue((request.RequestUri!.PathAndQuery, await response.Content.ReadAsStringAsync(cancellationToken)));
        return response;
    }
}
