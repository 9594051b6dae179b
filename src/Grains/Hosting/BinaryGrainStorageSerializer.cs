using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansProxy.Hosting;

/// <summary>
/// Stores grain state with Orleans' own version-tolerant binary serializer (the <c>[Id]</c>-tagged fields), not
/// Newtonsoft JSON: the state types are immutable records and read-only dictionaries that JSON round-trips badly.
/// </summary>
public sealed class BinaryGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory())!;
}
