namespace OrleansProxy.Testing.FakeBedrock.Control;

/// <summary>A control-API refusal, e.g. an unknown key in a behaviour patch.</summary>
public sealed record ControlError(string Error);
