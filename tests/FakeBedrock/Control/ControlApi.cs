using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansProxy.Testing.FakeBedrock.Hosting;

namespace OrleansProxy.Testing.FakeBedrock.Control;

/// <summary>
/// The test-only control API under <c>/_fake/</c>: unsigned, and on a prefix no Bedrock path
/// can have, so it is never mistaken for Bedrock. Out-of-process tests and drills steer the fake
/// through it; in-process tests can use it too.
/// </summary>
internal static class ControlApi
{
    public const string Prefix = "/_fake";

    public static IEndpointRouteBuilder MapFakeControlApi(this IEndpointRouteBuilder routes, FakeBedrockState state)
    {
        var api = routes.MapGroup(Prefix);
        var json = ControlJsonContext.Default;

        api.MapGet("/credentials/{accessKeyId}", (string accessKeyId) =>
            state.Credentials.Find(accessKeyId) is { } account
                ? Results.Json(CredentialView.Of(account), json.CredentialView)
                : UnknownKey(accessKeyId))
            .WithName("GetFakeCredential");

        api.MapPost("/credentials/{accessKeyId}", async (string accessKeyId, HttpRequest request) =>
        {
            using var patch = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            var root = patch.RootElement;
            var account = state.Credentials.Find(accessKeyId);
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("secretAccessKey", out var secret)
                && root.TryGetProperty("region", out var region))
            {
                account = state.Credentials.Add(accessKeyId, secret.GetString()!, region.GetString()!);
            }

            if (account is null)
            {
                return UnknownKey(accessKeyId);
            }

            return BehaviourPatch.Apply(root, account) is { } problem
                ? Results.Json(new ControlError(problem), json.ControlError, statusCode: StatusCodes.Status400BadRequest)
                : Results.Json(CredentialView.Of(account), json.CredentialView);
        }).WithName("PatchFakeCredential");

        api.MapGet("/requests", () => Results.Json(state.Recorder.Snapshot(), json.IReadOnlyListRecordedRequest))
            .WithName("GetFakeRequests");

        api.MapDelete("/requests", () =>
        {
            state.Recorder.Clear();
            return Results.NoContent();
        }).WithName("ClearFakeRequests");

        api.MapGet("/stats", () => Results.Json(
            new FakeStats(
                state.Recorder.OpenRequests,
                [.. state.Credentials.All.Select(a => new KeyStats(a.AccessKeyId, a.Region, a.Account, a.RequestCount, a.SuccessfulInvocations, a.CacheReadTokens, a.CacheWriteTokens))]),
            json.FakeStats))
            .WithName("GetFakeStats");

        // Lets an out-of-process test wait for "client went away, so the upstream call ended".
        api.MapGet("/idle", async (int? timeoutMs) =>
        {
            try
            {
                await state.Recorder.WaitForNoOpenRequestsAsync(TimeSpan.FromMilliseconds(timeoutMs ?? 5000));
                return Results.NoContent();
            }
            catch (TimeoutException)
            {
                return Results.Json(new ControlError($"{state.Recorder.OpenRequests} requests still open"), json.ControlError, statusCode: StatusCodes.Status408RequestTimeout);
            }
        }).WithName("WaitFakeIdle");

        return routes;
    }

    private static IResult UnknownKey(string accessKeyId) => Results.Json(
        new ControlError($"unknown access key '{accessKeyId}'; send secretAccessKey and region to add it"),
        ControlJsonContext.Default.ControlError,
        statusCode: StatusCodes.Status404NotFound);
}
