namespace OrleansProxy.Testing.FakeBedrock.Signing;

/// <summary>What the verifier needs to know about an access key: its secret and the one region it may be scoped to.</summary>
public sealed record SigningCredential(string SecretAccessKey, string Region);
