using OrleansProxy.Gateway.Translation;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>Everything one upstream attempt needs to know about its client request.</summary>
public sealed record AttemptContext(
    HttpContext Http,
    ClientResponse Client,
    TranslatedRequest Request,
    string RequestId,
    string BodySha256,
    Lease Lease,
    long Started,
    string Endpoint);
