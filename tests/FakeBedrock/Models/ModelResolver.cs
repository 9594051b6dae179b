using OrleansProxy.Testing.FakeBedrock.Errors;

namespace OrleansProxy.Testing.FakeBedrock.Models;

/// <summary>Turns a requested model id into a catalogue model for a key's region, or the error Bedrock gives.</summary>
internal static class ModelResolver
{
    public static FakeModel? Resolve(FakeModels models, string modelId, string region, out AwsError? error)
    {
        error = null;
        var (geography, baseId) = Geography.Split(modelId);
        var model = models.Find(baseId);
        if (model is null)
        {
            error = AwsErrors.InvalidModelIdentifier();
            return null;
        }

        if (model.Retired)
        {
            error = AwsErrors.EndOfLife();
            return null;
        }

        if (geography is null)
        {
            if (!model.OnDemandIn(region))
            {
                error = AwsErrors.OnDemandNotSupported(modelId);
                return null;
            }

            return model;
        }

        // A profile from another geography, or one that does not exist, is simply not a valid id.
        if (!model.Profiles.Contains(geography) || !Geography.Contains(geography, region))
        {
            error = AwsErrors.InvalidModelIdentifier();
            return null;
        }

        return model;
    }
}
