using System.Text.Json;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>An answer written straight to the response with a <see cref="Utf8JsonWriter"/> (the users' views have one writer, <see cref="UserJson"/>).</summary>
public sealed class UserJsonResult(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>One user's view.</summary>
    public static UserJsonResult Of(UserView view) => new(w => UserJson.Write(w, view));

    /// <summary><c>{"id","token","user"}</c>: the only answers that carry a token (create and rotate).</summary>
    public static UserJsonResult WithToken(UserView view, string token, int statusCode = StatusCodes.Status200OK, string? location = null) =>
        new(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", view.Id);
            w.WriteString("token", token);
            w.WritePropertyName("user");
            UserJson.Write(w, view);
            w.WriteEndObject();
        }, statusCode, location);
}
