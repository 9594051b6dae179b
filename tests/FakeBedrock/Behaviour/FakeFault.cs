namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>Server-side failures a key can be told to answer with (see <see cref="FakeAccount.FailNext"/>).</summary>
public enum FakeFault
{
    /// <summary>500 <c>InternalServerException</c>.</summary>
    InternalServer,

    /// <summary>503 <c>ServiceUnavailableException</c> "Too many connections, please wait before trying again.".</summary>
    ServiceUnavailable,

    /// <summary>408 <c>ModelTimeoutException</c>.</summary>
    ModelTimeout,

    /// <summary>424 <c>ModelErrorException</c>.</summary>
    ModelError,

    /// <summary>429 <c>ModelNotReadyException</c>.</summary>
    ModelNotReady,
}
