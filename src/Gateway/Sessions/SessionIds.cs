using System.Text;
using System.Text.Json;

namespace OrleansProxy.Gateway.Sessions;

/// <summary>Reads and vets the session ids clients send (headers and Claude Code's <c>metadata.user_id</c>).</summary>
internal static class SessionIds
{
    /// <summary>Longest session id taken; anything longer is not a session id and is ignored.</summary>
    public const int MaxLength = 128;

    private const string LegacySessionMarker = "_session_";

    /// <summary>
    /// A usable session id: 1–<see cref="MaxLength"/> printable ASCII characters, no spaces. Anything else (empty,
    /// control characters, a comma-joined repeated header) is ignored rather than refused: the session key is a
    /// routing hint, never a reason to fail a request.
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (value is not { Length: > 0 and <= MaxLength })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= ' ' or > '~' or ',')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The session id inside <c>metadata.user_id</c>: Claude Code 2.x sends a JSON object encoded as a string
    /// (<c>{"device_id":"…","account_uuid":"","session_id":"…"}</c>), older versions
    /// <c>user_&lt;hash&gt;_account_&lt;uuid&gt;_session_&lt;uuid&gt;</c>. Other user ids carry no session.
    /// </summary>
    public static string? FromUserId(string userId)
    {
        if (userId.Length > 4096)
        {
            return null;
        }

        if (userId.StartsWith('{'))
        {
            return FromJsonUserId(userId);
        }

        if (!userId.StartsWith("user_", StringComparison.Ordinal))
        {
            return null;
        }

        var marker = userId.LastIndexOf(LegacySessionMarker, StringComparison.Ordinal);
        if (marker < 0 || userId.IndexOf("_account_", StringComparison.Ordinal) is var account && (account < 0 || account > marker))
        {
            return null;
        }

        var id = userId[(marker + LegacySessionMarker.Length)..];
        return IsValid(id) ? id : null;
    }

    private static string? FromJsonUserId(string userId)
    {
        var bytes = Encoding.UTF8.GetBytes(userId);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSession = reader.ValueTextEquals("session_id"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isSession && reader.TokenType == JsonTokenType.String)
                {
                    found = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            // Only a whole, well-formed object counts: a truncated string is not trusted for any of its fields.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && IsValid(found) ? found : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
