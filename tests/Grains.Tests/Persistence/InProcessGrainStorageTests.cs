using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansProxy.Hosting;

namespace OrleansProxy.Persistence.Tests;

public sealed class InProcessGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("credential", "0123456789ab");

    private readonly InProcessGrainStorage _storage = new(new BinaryGrainStorageSerializer(
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>()));

    [Fact]
    public async Task Read_OfNothingWritten_GivesAFreshStateWithoutETag()
    {
        var state = new GrainState<List<string>>();

        await _storage.ReadStateAsync("credential", Grain, state);

        Assert.NotNull(state.State);
        Assert.Empty(state.State);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_ThenRead_GivesACopyOfTheState()
    {
        var written = new GrainState<List<string>> { State = ["a", "b"] };
        await _storage.WriteStateAsync("credential", Grain, written);
        written.State.Add("changed after the write");

        var read = new GrainState<List<string>>();
        await _storage.ReadStateAsync("credential", Grain, read);

        Assert.Equal(["a", "b"], read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Write_WithAStaleETag_IsRejectedAndKeepsTheNewerState()
    {
        var first = new GrainState<List<string>> { State = ["one"] };
        await _storage.WriteStateAsync("credential", Grain, first);
        var stale = new GrainState<List<string>> { State = ["stale"], ETag = first.ETag };
        first.State = ["two"];
        await _storage.WriteStateAsync("credential", Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("credential", Grain, stale));
        var fresh = new GrainState<List<string>> { State = ["fresh"] };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("credential", Grain, fresh));

        var read = new GrainState<List<string>>();
        await _storage.ReadStateAsync("credential", Grain, read);
        Assert.Equal(["two"], read.State);
    }

    [Fact]
    public async Task States_AreKeptPerStateNameAndGrain()
    {
        var other = GrainId.Create("credential", "ba9876543210");
        await _storage.WriteStateAsync("credential", Grain, new GrainState<List<string>> { State = ["mine"] });
        await _storage.WriteStateAsync("credential", other, new GrainState<List<string>> { State = ["other"] });
        await _storage.WriteStateAsync("pool", Grain, new GrainState<List<string>> { State = ["pool"] });

        var read = new GrainState<List<string>>();
        await _storage.ReadStateAsync("credential", Grain, read);
        Assert.Equal(["mine"], read.State);
    }

    [Fact]
    public async Task Clear_RemovesTheState_AndChecksTheETag()
    {
        var state = new GrainState<List<string>> { State = ["x"] };
        await _storage.WriteStateAsync("credential", Grain, state);
        var stale = new GrainState<List<string>> { ETag = "not-the-etag" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("credential", Grain, stale));
        await _storage.ClearStateAsync("credential", Grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        var read = new GrainState<List<string>>();
        await _storage.ReadStateAsync("credential", Grain, read);
        Assert.False(read.RecordExists);
    }
}
