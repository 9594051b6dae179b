namespace OrleansProxy.Gateway.Auth;

/// <summary>The user a request's token belongs to (<c>user_token</c> mode), set by the <see cref="Gatekeeper"/>.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="TokenHash">SHA-256 of the presented token: the user grain checks it on every admission.</param>
public sealed record CallerUser(string UserId, string TokenHash)
{
    private static readonly object ItemKey = new();

    /// <summary>The caller of <paramref name="http"/>, or null outside <c>user_token</c> mode.</summary>
    public static CallerUser? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var user) ? user as CallerUser : null;

    /// <summary>Marks <paramref name="http"/> as this user's.</summary>
    public void AttachTo(HttpContext http)
    {
        http.Items[ItemKey] = this;
        http.Items[Sessions.SessionHints.CallerItem] = "user:" + UserId;
    }
}
