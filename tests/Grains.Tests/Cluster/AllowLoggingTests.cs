using OrleansProxy.Credentials;
using OrleansProxy.Pool;
using OrleansProxy.Testing.FakeBedrock;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Cluster.Tests;

[Collection(AllowLoggingClusterCollection.Name)]
public sealed class AllowLoggingTests(AllowLoggingClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(FakeLoggingMode.Enabled, CredentialStatus.LoggingEnabled)]
    [InlineData(FakeLoggingMode.NoPermission, CredentialStatus.LoggingUnknown)]
    public async Task AllowAwsLogging_KeyWithLoggingOnOrUnknown_IsProbedAndLeased(FakeLoggingMode mode, CredentialStatus status)
    {
        var credential = fixture.NewCredential();
        fixture.Bedrock.Credential(credential.AccessKeyId).Logging = mode;

        var snapshot = (await fixture.RegisterAsync(credential))[0];
        var result = await fixture.Pool.AcquireAsync(new LeaseRequest("claude-3-haiku-20240307", []));

        Assert.Equal(status, snapshot.Status);
        Assert.True(snapshot.Usable);
        Assert.Equal(credential.Id, result.Lease?.CredentialId);
        Assert.True((await fixture.Pool.GetSnapshotAsync()).AllowAwsLogging);
    }

    [Fact]
    public async Task AllowAwsLogging_RevokedKey_IsStillNeverLeased()
    {
        var credential = fixture.NewCredential();
        fixture.Bedrock.Credential(credential.AccessKeyId).Revoked = true;
        await fixture.RegisterAsync(credential);

        var result = await fixture.Pool.AcquireAsync(new LeaseRequest("claude-3-haiku-20240307", []));

        Assert.Equal(NoCredentialReason.AllRevoked, result.Reason);
    }
}
