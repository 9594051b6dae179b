using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Pool;

namespace OrleansProxy.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RuntimeCredentialTests(ProxyClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<AwsCredential> AddAtRunTimeAsync()
    {
        var known = fixture.NewCredential();
        // Not in the silos' configured secrets: only the runtime path can know it.
        var credential = new AwsCredential(known.AccessKeyId, known.SecretAccessKey, known.Region);
        var runtimeOnly = new AwsCredential("AKIARUNTIME" + known.AccessKeyId[^9..], known.SecretAccessKey + "-rt", known.Region);
        fixture.Bedrock.AddCredential(runtimeOnly.AccessKeyId, runtimeOnly.SecretAccessKey, runtimeOnly.Region);
        var descriptor = runtimeOnly.ToDescriptor(CredentialSource.Runtime);
        await fixture.Cluster.GrainFactory.GetGrain<ICredentialGrain>(runtimeOnly.Id)
            .InitializeRuntimeAsync(descriptor, runtimeOnly.AccessKeyId, runtimeOnly.SecretAccessKey);
        await fixture.Pool.RegisterAsync([descriptor], replaceEnvironmentSet: false);
        await fixture.Credential(runtimeOnly).RecheckAsync();
        await fixture.Pool.RetireAsync(credential.Id);
        return runtimeOnly;
    }

    [Fact]
    public async Task RuntimeCredential_IsCheckedAndLeased()
    {
        var credential = await AddAtRunTimeAsync();
        await fixture.WaitForPoolAsync(1);

        var snapshot = await fixture.Credential(credential).GetSnapshotAsync();
        var lease = await fixture.Pool.AcquireAsync(new LeaseRequest("claude-3-haiku-20240307", []));

        Assert.Equal(CredentialStatus.Active, snapshot.Status);
        Assert.Equal(CredentialSource.Runtime, snapshot.Descriptor.Source);
        Assert.Equal(credential.Id, lease.Lease?.CredentialId);
    }

    [Fact]
    public async Task RuntimeCredential_SecretIsNotInGrainStorageInClearText()
    {
        var credential = await AddAtRunTimeAsync();

        foreach (var silo in fixture.Cluster.Silos.OfType<InProcessSiloHandle>())
        {
            var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(ProxyStorage.Name);
            var serializer = silo.SiloHost.Services.GetRequiredService<IGrainStorageSerializer>();
            var state = new GrainState<CredentialState>();
            await storage.ReadStateAsync("credential", GrainId.Create("credential", credential.Id), state);
            if (state.State?.EncryptedSecret is null)
            {
                continue;
            }

            var stored = serializer.Serialize(state.State).ToArray();
            Assert.DoesNotContain(credential.SecretAccessKey, Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
            Assert.DoesNotContain(credential.SecretAccessKey, Encoding.Unicode.GetString(stored), StringComparison.Ordinal);
            return;
        }

        Assert.Fail("the runtime credential's state was not found in grain storage");
    }
}
