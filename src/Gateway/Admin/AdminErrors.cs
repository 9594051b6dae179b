namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// The admin API's error answers: <c>{"error":{"type":"…","message":"…"}}</c>. Messages never carry a secret, a key
/// or a full access key id.
/// </summary>
public static class AdminErrors
{
    /// <summary>Any error answer.</summary>
    public static IResult Problem(int status, string type, string message) =>
        Results.Json(new AdminErrorBody(new AdminError(type, message)), AdminJson.Options, statusCode: status);

    /// <summary>400: a parameter or the body is invalid.</summary>
    public static IResult Invalid(string message) => Problem(StatusCodes.Status400BadRequest, "invalid_request_error", message);

    /// <summary>400 listing every problem found in a body; the message names the first.</summary>
    public static IResult Invalid(IReadOnlyList<string> problems) =>
        Results.Json(new AdminErrorBody(new AdminError("invalid_request_error",
                problems.Count == 1 ? problems[0] : $"{problems.Count} problems; the first: {problems[0]}"), problems),
            AdminJson.Options, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>404: no such user (never created, deleted, or not a user id).</summary>
    public static IResult UserNotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, "not_found_error",
            $"No user with id '{(id.Length > 40 ? id[..40] + "…" : id)}' exists.");

    /// <summary>404: no such credential (never registered, or retired).</summary>
    public static IResult NotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, "not_found_error", $"No credential with id '{id}' is registered.");

    /// <summary>401: the admin key is missing or wrong.</summary>
    public static AdminErrorBody Unauthorized { get; } = new(new AdminError("authentication_error",
        "Missing or invalid admin key. Send ADMIN_KEY as the x-admin-key header or as Authorization: Bearer <key>."));

    /// <summary>403: <c>ADMIN_KEY</c> is not set, so the admin endpoints are disabled.</summary>
    public static AdminErrorBody Disabled { get; } = new(new AdminError("admin_disabled",
        "The admin API is disabled: set ADMIN_KEY on the gateways to enable it."));
}

/// <summary>An error answer's body; <paramref name="Problems"/> lists each malformed entry when there are several.</summary>
public sealed record AdminErrorBody(
    AdminError Error,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<string>? Problems = null);

/// <summary>An error's type and human-readable message.</summary>
public sealed record AdminError(string Type, string Message);
