namespace OrleansProxy.LoadTest.Targets;

/// <summary>
/// Environment every child starts with: production settings, and none of the caller's cluster or AWS variables
/// (an inherited <c>ORLEANS_REDIS</c> would turn the standalone gateway into a cluster client).
/// </summary>
internal static class ChildEnvironment
{
    public static Dictionary<string, string?> Base() => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = null,
        ["PORT"] = null,
        ["ORLEANS_REDIS"] = null,
        ["ORLEANS_ADVERTISED_IP"] = null,
        ["AWS_ENDPOINT_URL"] = null,
        ["AWS_CREDENTIALS"] = null,
        ["ALLOW_AWS_LOGGING"] = null,
        ["PROXY_KEY"] = null,
        ["FAKE_BEDROCK_CREDENTIALS"] = null,
    };
}
