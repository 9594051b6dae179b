namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>What <c>GET /logging/modelinvocations</c> answers for a key.</summary>
public enum FakeLoggingMode
{
    /// <summary><c>{}</c>: logging was never configured in this account and region.</summary>
    NeverConfigured,

    /// <summary>A <c>loggingConfig</c> with <c>textDataDeliveryEnabled=false</c>: configured, prompts not logged.</summary>
    ConfiguredTextOff,

    /// <summary><c>textDataDeliveryEnabled=true</c> with a CloudWatch destination: prompts are logged.</summary>
    Enabled,

    /// <summary>403 <c>AccessDeniedException</c>: the principal may not read the logging configuration.</summary>
    NoPermission,
}
