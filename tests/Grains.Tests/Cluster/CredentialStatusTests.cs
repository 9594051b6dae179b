using OrleansProxy.Credentials;
using OrleansProxy.Testing.FakeBedrock;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CredentialStatusTests(ProxyClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Check_HealthyKey_IsActiveWithAccessToEveryFamily()
    {
        var credential = fixture.NewCredential();

        var snapshot = (await fixture.RegisterAsync(credential))[0];

        Assert.Equal(CredentialStatus.Active, snapshot.Status);
        Assert.True(snapshot.Usable);
        Assert.Equal(LoggingCheck.Off, snapshot.Logging);
        Assert.Contains(snapshot.Families, f => f.Family == "claude-3-haiku" && f.Access == FamilyAccess.Granted);
        Assert.Contains(snapshot.Families, f => f.Family == "claude-sonnet-4-5" && f.Access == FamilyAccess.Granted);
        Assert.Equal("AKIA…" + credential.AccessKeyId[^4..], snapshot.Descriptor.MaskedAccessKeyId);
        Assert.NotNull(snapshot.NextCheckAt);
    }

    [Theory]
    [InlineData(FakeLoggingMode.NeverConfigured, CredentialStatus.Active, LoggingCheck.Off)]
    [InlineData(FakeLoggingMode.ConfiguredTextOff, CredentialStatus.Active, LoggingCheck.Off)]
    [InlineData(FakeLoggingMode.Enabled, CredentialStatus.LoggingEnabled, LoggingCheck.On)]
    [InlineData(FakeLoggingMode.NoPermission, CredentialStatus.LoggingUnknown, LoggingCheck.Unknown)]
    public async Task Check_LoggingModes_DecideTheStatus(FakeLoggingMode mode, CredentialStatus status, LoggingCheck logging)
    {
        var credential = fixture.NewCredential();
        fixture.Bedrock.Credential(credential.AccessKeyId).Logging = mode;

        var snapshot = (await fixture.RegisterAsync(credential))[0];

        Assert.Equal((status, logging), (snapshot.Status, snapshot.Logging));
        Assert.Equal(status == CredentialStatus.Active, snapshot.Usable);
    }

    [Fact]
    public async Task Check_LoggingOn_SendsNoProbeToTheAccount()
    {
        var credential = fixture.NewCredential();
        fixture.Bedrock.Credential(credential.AccessKeyId).Logging = FakeLoggingMode.Enabled;

        await fixture.RegisterAsync(credential);

        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.AccessKeyId == credential.AccessKeyId && r.Operation != FakeOperation.GetLoggingConfiguration);
    }

    [Fact]
    public async Task Check_RevokedKey_IsRevokedAndNeverUsable()
    {
        var credential = fixture.NewCredential();
        fixture.Bedrock.Credential(credential.AccessKeyId).Revoked = true;

        var snapshot = (await fixture.RegisterAsync(credential))[0];

        Assert.Equal(CredentialStatus.Revoked, snapshot.Status);
        Assert.False(snapshot.Usable);
        Assert.Null(snapshot.NextCheckAt);
    }

    [Fact]
    public async Task Check_WrongSecret_IsRevoked()
    {
        var credential = fixture.NewCredential(siloSecret: "not-the-secret-aws-knows");

        var snapshot = (await fixture.RegisterAsync(credential))[0];

        Assert.Equal(CredentialStatus.Revoked, snapshot.Status);
        Assert.Contains("InvalidSignatureException", snapshot.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoModelAccess_IsNoAccess()
    {
        var credential = fixture.NewCredential();
        fixture.Bedrock.Credential(credential.AccessKeyId).DeniedModels.Add("anthropic.");

        var snapshot = (await fixture.RegisterAsync(credential))[0];

        Assert.True(CredentialStatus.NoAccess == snapshot.Status, $"{snapshot.Status}: {snapshot.StatusReason}; {snapshot.LastError}");
        Assert.All(snapshot.Families, f => Assert.Equal(FamilyAccess.Denied, f.Access));
    }

    [Fact]
    public async Task Check_SomeModelsDeniedOrNotInRegion_RecordsAccessPerFamily()
    {
        var credential = fixture.NewCredential();
        var account = fixture.Bedrock.Credential(credential.AccessKeyId);
        account.DeniedModels.Add("anthropic.claude-3-opus-20240229-v1:0");
        account.ModelsNotInRegion.Add("anthropic.claude-instant-v1");

        var snapshot = (await fixture.RegisterAsync(credential))[0];

        Assert.Equal(CredentialStatus.Active, snapshot.Status);
        Assert.Equal(FamilyAccess.Denied, snapshot.Families.Single(f => f.Family == "claude-3-opus").Access);
        Assert.Equal(FamilyAccess.NotInRegion, snapshot.Families.Single(f => f.Family == "claude-instant").Access);
        Assert.Equal(FamilyAccess.Granted, snapshot.Families.Single(f => f.Family == "claude-3-haiku").Access);
    }

    [Fact]
    public async Task Check_ThrottledDuringCheck_IsNotAFailureAndIsRetriedSoon()
    {
        var credential = fixture.NewCredential();
        var account = fixture.Bedrock.Credential(credential.AccessKeyId);
        account.ThrottleControlPlane = true;
        account.ThrottleAlways = true;

        var snapshot = (await fixture.RegisterAsync(credential))[0];

        Assert.Equal(CredentialStatus.Unchecked, snapshot.Status);
        Assert.NotNull(snapshot.NextCheckAt);
        Assert.True(snapshot.NextCheckAt <= fixture.Clock.GetUtcNow().AddMinutes(1));

        account.ThrottleAlways = false;
        account.ThrottleControlPlane = false;
        Assert.Equal(CredentialStatus.Active, (await fixture.Credential(credential).RecheckAsync()).Status);
    }

    [Fact]
    public async Task Recheck_FollowsTheAccountsChanges()
    {
        var credential = fixture.NewCredential();
        await fixture.RegisterAsync(credential);
        var account = fixture.Bedrock.Credential(credential.AccessKeyId);

        account.Logging = FakeLoggingMode.Enabled;
        Assert.Equal(CredentialStatus.LoggingEnabled, (await fixture.Credential(credential).RecheckAsync()).Status);

        account.Logging = FakeLoggingMode.NeverConfigured;
        Assert.Equal(CredentialStatus.Active, (await fixture.Credential(credential).RecheckAsync()).Status);

        account.Revoked = true;
        Assert.Equal(CredentialStatus.Revoked, (await fixture.Credential(credential).RecheckAsync()).Status);

        account.Revoked = false;
        Assert.Equal(CredentialStatus.Active, (await fixture.Credential(credential).RecheckAsync()).Status);
    }
}
