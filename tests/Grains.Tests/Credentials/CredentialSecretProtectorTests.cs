using System.Security.Cryptography;
using System.Text;
using OrleansProxy.Credentials;

namespace OrleansProxy.Credentials.Tests;

public sealed class CredentialSecretProtectorTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private readonly CredentialSecretProtector _protector = new("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");

    [Fact]
    public void Protect_RoundTrips_AndNeverHoldsTheSecretInClearText()
    {
        var blob = _protector.Protect("abc123def456", Secret);

        Assert.Equal(Secret, _protector.Unprotect("abc123def456", blob));
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(blob), StringComparison.Ordinal);
        Assert.NotEqual(blob, _protector.Protect("abc123def456", Secret));
    }

    [Fact]
    public void Unprotect_ForAnotherCredential_Fails() =>
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect("000000000000", _protector.Protect("abc123def456", Secret)));

    [Fact]
    public void Unprotect_TamperedBlob_Fails()
    {
        var blob = _protector.Protect("abc123def456", Secret);
        blob[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect("abc123def456", blob));
    }

    [Fact]
    public void Unprotect_WithAnotherKey_Fails()
    {
        var other = new CredentialSecretProtector("a passphrase that is long enough");

        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect("abc123def456", _protector.Protect("abc123def456", Secret)));
    }

    [Fact]
    public void NotConfigured_RefusesWithAClearError()
    {
        var protector = new CredentialSecretProtector(null);

        Assert.False(protector.IsConfigured);
        var exception = Assert.Throws<InvalidOperationException>(() => protector.Protect("abc123def456", Secret));
        Assert.Contains("CREDENTIAL_ENCRYPTION_KEY", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortKey_IsRejectedAtStartUp() =>
        Assert.Throws<InvalidOperationException>(() => new CredentialSecretProtector("short"));
}
