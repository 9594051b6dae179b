namespace OrleansProxy.Testing.FakeBedrock.Recording;

/// <summary>
/// The mutable record of one request while it is served. Only the serving request writes it;
/// readers see <see cref="Snapshot"/>, which is the final record once <see cref="Complete"/> ran.
/// </summary>
internal sealed class RequestTrace(string requestId, string method, string rawPath, DateTimeOffset startedAt)
{
    private RecordedRequest? _final;

    public string RequestId { get; } = requestId;

    public string? AccessKeyId { get; set; }

    public string? Region { get; set; }

    public FakeOperation Operation { get; set; }

    public string? ModelId { get; set; }

    public int StatusCode { get; set; }

    public string? ErrorType { get; set; }

    public string Body { get; set; } = "";

    public bool ClientAborted { get; set; }

    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }

    public int CacheReadTokens { get; set; }

    public int CacheWriteTokens { get; set; }

    public IReadOnlyList<string> HeaderNames { get; set; } = [];

    public RecordedRequest Snapshot() => Volatile.Read(ref _final) ?? ToRecord(completedAt: null);

    public void Complete(DateTimeOffset completedAt) => Volatile.Write(ref _final, ToRecord(completedAt));

    private RecordedRequest ToRecord(DateTimeOffset? completedAt) => new(
        RequestId, AccessKeyId, Region, Operation, method, rawPath, ModelId, StatusCode, ErrorType, Body,
        startedAt, completedAt, ClientAborted, InputTokens, OutputTokens, HeaderNames, CacheReadTokens, CacheWriteTokens);
}
