using System.Security.Cryptography;
using System.Text;

namespace OrleansProxy.Credentials;

/// <summary>
/// Encrypts the secrets of credentials added at run time before they reach grain storage: AES-256-GCM with a key
/// from <c>CREDENTIAL_ENCRYPTION_KEY</c> (base64 of 32 bytes, or a passphrase of 16+ characters stretched with
/// HKDF), the credential id as associated data so a blob cannot be moved to another credential.
/// </summary>
public sealed class CredentialSecretProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Salt = Encoding.UTF8.GetBytes("orleans-proxy/credential-secrets/v1");
    private readonly byte[]? _key;

    /// <summary>Creates the protector from the configured key (null or blank: not configured).</summary>
    public CredentialSecretProtector(string? configuredKey)
    {
        if (string.IsNullOrWhiteSpace(configuredKey))
        {
            return;
        }

        var value = configuredKey.Trim();
        var raw = new byte[32];
        if (Convert.TryFromBase64String(value, raw, out var written) && written == 32)
        {
            _key = raw;
        }
        else if (value.Length >= 16)
        {
            _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(value), 32, Salt);
        }
        else
        {
            throw new InvalidOperationException("CREDENTIAL_ENCRYPTION_KEY must be base64 of 32 bytes or a passphrase of at least 16 characters.");
        }
    }

    /// <summary>Whether a key is configured, so runtime-added credentials can be stored.</summary>
    public bool IsConfigured => _key is not null;

    /// <summary>Encrypts <paramref name="secret"/> for <paramref name="credentialId"/>.</summary>
    public byte[] Protect(string credentialId, string secret)
    {
        var key = _key ?? throw NotConfigured();
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var blob = new byte[1 + NonceSize + TagSize + plaintext.Length];
        blob[0] = Version;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(1 + NonceSize + TagSize), blob.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(credentialId));
        CryptographicOperations.ZeroMemory(plaintext);
        return blob;
    }

    /// <summary>Decrypts a blob made by <see cref="Protect"/> for the same credential.</summary>
    /// <exception cref="CryptographicException">Wrong key, wrong credential, or a tampered blob.</exception>
    public string Unprotect(string credentialId, byte[] blob)
    {
        var key = _key ?? throw NotConfigured();
        if (blob.Length < 1 + NonceSize + TagSize || blob[0] != Version)
        {
            throw new CryptographicException("Unknown encrypted secret format.");
        }

        var plaintext = new byte[blob.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob.AsSpan(1, NonceSize), blob.AsSpan(1 + NonceSize + TagSize), blob.AsSpan(1 + NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(credentialId));
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static InvalidOperationException NotConfigured() => new(
        "CREDENTIAL_ENCRYPTION_KEY is not configured on the silos, so a credential added at run time cannot be stored.");
}
