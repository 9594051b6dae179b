using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansProxy.Users;

/// <summary>
/// How users and tokens spread over the directory and index grains. Fixed: changing a count would orphan every
/// stored entry, so it is a constant of the wire format, not a setting.
/// </summary>
public static class UserShards
{
    /// <summary>Shards of the token directory and of the user index each.</summary>
    public const int Count = 64;

    /// <summary>The token-directory shard of a token hash (hex SHA-256).</summary>
    public static long OfTokenHash(string tokenHash) => Convert.ToInt32(tokenHash[..4], 16) % Count;

    /// <summary>The user-index shard of a user id.</summary>
    public static long OfUser(string userId)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId), digest);
        return BinaryPrimitives.ReadUInt16BigEndian(digest) % Count;
    }
}
