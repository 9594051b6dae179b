using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Sessions;

/// <summary>
/// A request's prompt-cache session, scoped by caller and model family. Only a 128-bit hash is kept: the session id
/// (or the prompt it was derived from) cannot be read back from it, and it is all that travels to the key pool.
/// </summary>
/// <param name="Hash">The first 128 bits of SHA-256 over the scope, the family and the session material.</param>
/// <param name="Source">Where the key came from.</param>
/// <param name="LongTtl">The request marks a cache breakpoint with <c>ttl: "1h"</c>: the cache, and so the pin, lasts an hour.</param>
public readonly record struct SessionKey(UInt128 Hash, SessionKeySource Source, bool LongTtl)
{
    /// <summary>Bedrock's default prompt-cache lifetime (sliding: every read refreshes it).</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(5);

    /// <summary>The lifetime of a breakpoint marked <c>ttl: "1h"</c>.</summary>
    public static readonly TimeSpan LongTtlValue = TimeSpan.FromHours(1);

    // Session ids from every carrier (header, metadata, explicit header) hash alike, so a client that sends the same
    // id by two of them stays one session; a prefix hash is another kind of material and must never equal an id.
    private const byte IdKind = 1;
    private const byte PrefixKind = 2;
    private const int MaxStackBytes = 512;

    /// <summary>How long the pool keeps the session pinned after its last request.</summary>
    public TimeSpan Ttl => LongTtl ? LongTtlValue : DefaultTtl;

    /// <summary>The form the key pool takes.</summary>
    public LeaseSession ToLease() => new((ulong)(Hash >> 64), (ulong)Hash, Ttl);

    /// <summary>The key of session id <paramref name="sessionId"/> (already validated) for the caller and family.</summary>
    public static SessionKey ForId(string callerScope, string family, string sessionId, SessionKeySource source, bool longTtl) =>
        new(Derive(callerScope, family, IdKind, Encoding.UTF8.GetBytes(sessionId)), source, longTtl);

    /// <summary>The key of a cacheable prefix whose own (non-cryptographic) 128-bit hash is <paramref name="prefixHash"/>.</summary>
    public static SessionKey ForPrefix(string callerScope, string family, UInt128 prefixHash, bool longTtl)
    {
        Span<byte> material = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(material, prefixHash);
        return new SessionKey(Derive(callerScope, family, PrefixKind, material), SessionKeySource.CachePrefix, longTtl);
    }

    // SHA-256 (not the prefix's XxHash) for the final step: a session id must not be recoverable from what the pool
    // holds, and one caller must not be able to aim its keys at another caller's sessions. Inputs are short (<1 µs).
    private static UInt128 Derive(string callerScope, string family, byte kind, ReadOnlySpan<byte> material)
    {
        var length = Encoding.UTF8.GetMaxByteCount(callerScope.Length) + Encoding.UTF8.GetMaxByteCount(family.Length) + 3 + material.Length;
        byte[]? rented = null;
        var buffer = length <= MaxStackBytes ? stackalloc byte[MaxStackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(callerScope, buffer);
            buffer[written++] = 0;
            written += Encoding.UTF8.GetBytes(family, buffer[written..]);
            buffer[written++] = 0;
            buffer[written++] = kind;
            material.CopyTo(buffer[written..]);
            written += material.Length;
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(buffer[..written], digest);
            return BinaryPrimitives.ReadUInt128BigEndian(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
