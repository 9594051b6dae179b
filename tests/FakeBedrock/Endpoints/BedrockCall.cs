using Microsoft.AspNetCore.Http;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Errors;
using OrleansProxy.Testing.FakeBedrock.Hosting;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Testing.FakeBedrock.Endpoints;

/// <summary>One authenticated Bedrock request on its way through an endpoint.</summary>
internal sealed class BedrockCall(
    HttpContext http,
    FakeBedrockState state,
    RequestTrace trace,
    FakeAccount account,
    BedrockRoute route,
    byte[] body,
    string bodyText,
    long startedTimestamp)
{
    public HttpContext Http { get; } = http;

    public FakeBedrockState State { get; } = state;

    public RequestTrace Trace { get; } = trace;

    public FakeAccount Account { get; } = account;

    public BedrockRoute Route { get; } = route;

    public byte[] Body { get; } = body;

    public string BodyText { get; } = bodyText;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>What the request record names an answer cut off by <see cref="FakeAccount.CutNext"/> (no AWS error: a transport fault).</summary>
    public const string CutErrorType = "ConnectionCut";

    /// <summary>Milliseconds since the request arrived, on the fake's clock.</summary>
    public long ElapsedMilliseconds => (long)State.Time.GetElapsedTime(startedTimestamp).TotalMilliseconds;

    public Task FailAsync(AwsError error) => FailAsync(Http, Trace, error);

    /// <summary>Answers with <paramref name="error"/> and notes it in the request's record.</summary>
    public static Task FailAsync(HttpContext http, RequestTrace trace, AwsError error)
    {
        trace.StatusCode = error.StatusCode;
        trace.ErrorType = error.Type;
        return AwsErrorResponse.WriteAsync(http.Response, error, http.RequestAborted);
    }

    /// <summary>
    /// Sends a 200 JSON answer. With <paramref name="cut"/> (<see cref="FakeAccount.CutNext"/>) it announces the whole
    /// answer, sends half of it and closes the connection.
    /// </summary>
    public async Task OkJsonAsync(byte[] json, bool cut = false)
    {
        Trace.StatusCode = StatusCodes.Status200OK;
        Http.Response.StatusCode = StatusCodes.Status200OK;
        Http.Response.ContentType = "application/json";
        Http.Response.ContentLength = json.Length;
        if (cut)
        {
            Trace.ErrorType = CutErrorType;
            // Returning with fewer bytes than announced makes Kestrel close the connection once they are sent (FIN, not
            // RST: an abort could make the caller's kernel drop bytes it had already received).
            await Http.Response.Body.WriteAsync(json.AsMemory(0, json.Length / 2), Aborted);
            return;
        }

        await Http.Response.Body.WriteAsync(json, Aborted);
    }
}
