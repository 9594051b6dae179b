using System.Net;
using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Usage;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>Calls of the user admin API and direct grain calls that drive a user's usage, shared by the user tests.</summary>
public static class UserAdminClient
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Json(json) };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    /// <summary>Creates a user through the API; returns its id, token and view.</summary>
    public static async Task<(string Id, string Token, JsonElement User)> CreateAsync(HttpClient admin, string json)
    {
        var (status, body, _) = await SendAsync(admin, HttpMethod.Post, "/admin/api/users", json);
        Assert.Equal(HttpStatusCode.Created, status);
        return (body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!, body.GetProperty("user"));
    }

    /// <summary>Creates a user with a direct grain call, as the gateway does (faster for thousands).</summary>
    public static async Task<(string Id, string Token)> CreateDirectAsync(IGrainFactory grains, string name)
    {
        var id = UserTokens.NewUserId();
        var token = UserTokens.Generate();
        await grains.GetGrain<IUserGrain>(id).CreateAsync(new UserSpec(name, null, null, UserLimits.None, [], []), UserTokens.Hash(token));
        return (id, token);
    }

    /// <summary>One admitted and released request of <paramref name="family"/> billed <paramref name="tokens"/>.</summary>
    public static async Task UseAsync(IGrainFactory grains, string id, string token, string family, TokenUsage tokens, DateTimeOffset at)
    {
        var grain = grains.GetGrain<IUserGrain>(id);
        var slot = Guid.NewGuid();
        var admission = await grain.AdmitAsync(new AdmissionRequest(UserTokens.Hash(token), family, slot, 100, TimeSpan.FromSeconds(90)));
        Assert.True(admission.IsAdmitted, admission.Message);
        await grain.ReleaseAsync([new SlotRelease(slot, family, tokens, at)]);
    }

    /// <summary>Waits until the user index marks <paramref name="id"/> active on or after <paramref name="day"/> (written with its usage, ~1 s behind).</summary>
    public static async Task WaitActiveAsync(IGrainFactory grains, string id, DateOnly day)
    {
        var index = grains.GetGrain<IUserIndexGrain>(UserShards.OfUser(id));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await index.ListAsync(new UserQuery(null, int.MaxValue, id, null, day))).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"user {id} never became active in the index");
            await Task.Delay(50);
        }
    }
}
