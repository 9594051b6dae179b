using System.Collections.Immutable;

namespace OrleansProxy.Testing.FakeBedrock.Models;

/// <summary>
/// One fake instance's models: <see cref="FakeModelCatalog"/> plus those a test launched while it runs. Readers see an
/// immutable snapshot, so requests never lock against a launch.
/// </summary>
public sealed class FakeModels
{
    // When AWS created the built-in models' system profiles, for createdAt (the fake's models predate any test clock).
    private static readonly DateTimeOffset BuiltInCreatedAt = new(2024, 8, 27, 0, 0, 0, TimeSpan.Zero);

    private ImmutableDictionary<string, (FakeModel Model, DateTimeOffset CreatedAt)> _launched =
        ImmutableDictionary.Create<string, (FakeModel, DateTimeOffset)>(StringComparer.Ordinal);

    /// <summary>Every model, built-in first, then launched ones in id order.</summary>
    public IEnumerable<FakeModel> All => FakeModelCatalog.All.Concat(_launched.Values.Select(v => v.Model).OrderBy(m => m.BaseId, StringComparer.Ordinal));

    /// <summary>The model with <paramref name="baseId"/>, if any.</summary>
    public FakeModel? Find(string baseId) =>
        FakeModelCatalog.Find(baseId) ?? (_launched.TryGetValue(baseId, out var launched) ? launched.Model : null);

    /// <summary>When the model's profiles were created (the launch time for launched models).</summary>
    public DateTimeOffset CreatedAt(FakeModel model) =>
        _launched.TryGetValue(model.BaseId, out var launched) ? launched.CreatedAt : BuiltInCreatedAt;

    /// <summary>Adds (or replaces) a launched model; a built-in id cannot be replaced.</summary>
    public FakeModel Launch(FakeModel model, DateTimeOffset at)
    {
        if (FakeModelCatalog.Find(model.BaseId) is not null)
        {
            throw new InvalidOperationException($"{model.BaseId} is a built-in model.");
        }

        ImmutableInterlocked.Update(ref _launched, set => set.SetItem(model.BaseId, (model, at)));
        return model;
    }
}
