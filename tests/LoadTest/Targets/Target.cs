using OrleansProxy.LoadTest.Hosting;
using OrleansProxy.LoadTest.Load;
using OrleansProxy.LoadTest.Requests;

namespace OrleansProxy.LoadTest.Targets;

/// <summary>
/// One row's target, up for the whole run: how to call it, the connections to it (kept across its windows), its
/// proxy process if this run started one, and the processes whose CPU its windows count.
/// </summary>
internal sealed class Target(char key, string label, RequestProfile profile, ChildProcess? proxy, IReadOnlyList<ChildProcess> alsoWatched, int connections)
    : IAsyncDisposable
{
    public char Key => key;

    public string Label => label;

    public RequestProfile Profile => profile;

    public ChildProcess? Proxy => proxy;

    public IReadOnlyList<ChildProcess> Watched { get; } = proxy is null ? alsoWatched : [proxy, .. alsoWatched];

    public HttpMessageInvoker Invoker { get; } = LoadRunner.CreateInvoker(connections);

    public async ValueTask DisposeAsync()
    {
        Invoker.Dispose();
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }
    }
}
