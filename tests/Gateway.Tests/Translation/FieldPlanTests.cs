using System.Text.Json;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

/// <summary>The field plan's allocation rule: a body with nothing to decide shares the empty plan.</summary>
public sealed class FieldPlanTests
{
    private static FieldPlan Build(string json, decimal generation)
    {
        using var document = JsonDocument.Parse(json);
        var plan = FieldPlan.Build(document.RootElement, FieldPolicy.Default, generation, 1000, out var error);
        Assert.Null(error);
        return plan;
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"m","max_tokens":5,"stream":true,"system":"s","temperature":0.5,"messages":[],"tools":[{"name":"Bash","description":"d","input_schema":{"type":"object"}}],"thinking":{"type":"enabled","budget_tokens":1024}}""")]
    public void NothingToDecide_SharesTheEmptyPlan(string json)
    {
        var plan = Build(json, 4.5m);

        Assert.Same(FieldPlan.Empty, plan);
        Assert.Null(plan.Dropped);
        Assert.False(plan.RewriteTools || plan.RewriteThinking || plan.RewriteOutputConfig);
    }

    [Theory]
    [InlineData("""{"max_tokens":5,"messages":[],"service_tier":"auto"}""", "service_tier")]
    [InlineData("""{"max_tokens":5,"messages":[],"thinking":{"type":"adaptive"}}""", "thinking.type=adaptive")]
    public void ADecisionToKeep_GetsAPlanOfItsOwn(string json, string dropped)
    {
        var plan = Build(json, 4.5m);

        Assert.NotSame(FieldPlan.Empty, plan);
        Assert.Equal([dropped], plan.Dropped!);
        Assert.Equal(4.5m, plan.Generation);
        Assert.Null(FieldPlan.Empty.Dropped);
    }

    [Fact]
    public void AFieldPassedForTheModel_GetsAPlanThatPassesIt()
    {
        using var document = JsonDocument.Parse("""{"max_tokens":5,"messages":[],"context_management":{"edits":[]}}""");

        var plan = FieldPlan.Build(document.RootElement, FieldPolicy.Default, 5.5m, 1000, out var error);

        Assert.Null(error);
        Assert.NotSame(FieldPlan.Empty, plan);
        Assert.True(plan.Passes(document.RootElement.EnumerateObject().Last()));
    }
}
