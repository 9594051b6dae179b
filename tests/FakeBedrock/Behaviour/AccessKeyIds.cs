using System.Globalization;
using System.Numerics;

namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>
/// Access key ids as AWS issues them today: <c>AKIA</c> and 16 base32 characters (80 bits), of which the first bit
/// marks the current generation and the next 40 are the owning account's number. The fake mints ids for an
/// account with <see cref="ForAccount"/> and, like AWS, knows which account a key it is given belongs to
/// (<see cref="AccountOf"/>): keys of one account share that account's quotas.
/// </summary>
public static class AccessKeyIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static readonly BigInteger Account40Bits = (BigInteger.One << 40) - 1;

    /// <summary>A long-term access key id of <paramref name="account"/> (12 digits); <paramref name="serial"/> tells keys of one account apart.</summary>
    public static string ForAccount(string account, int serial)
    {
        var number = ulong.Parse(account, NumberStyles.None, CultureInfo.InvariantCulture);
        if (account.Length != 12 || number > (ulong)Account40Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(account), account, "An AWS account id has 12 digits.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        var bits = (BigInteger.One << 79) | ((BigInteger)number << 39) | (uint)serial;
        var chars = new char[16];
        for (var i = 15; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return "AKIA" + new string(chars);
    }

    /// <summary>The account an access key id belongs to, when it is a current-generation id; otherwise null.</summary>
    public static string? AccountOf(string accessKeyId)
    {
        if (accessKeyId.Length != 20 || accessKeyId[..4] is not ("AKIA" or "ASIA"))
        {
            return null;
        }

        var bits = BigInteger.Zero;
        foreach (var c in accessKeyId.AsSpan(4))
        {
            var value = Alphabet.IndexOf(c);
            if (value < 0)
            {
                return null;
            }

            bits = (bits << 5) | value;
        }

        return (bits >> 79).IsZero ? null : ((ulong)((bits >> 39) & Account40Bits)).ToString("D12", CultureInfo.InvariantCulture);
    }
}
