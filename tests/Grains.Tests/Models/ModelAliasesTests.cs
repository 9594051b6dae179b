namespace OrleansProxy.Models.Tests;

public sealed class ModelAliasesTests
{
    [Fact]
    public void Parse_ValidAliases_MapNamesToTargets()
    {
        var aliases = ModelAliases.Parse(" opus = global.anthropic.claude-opus-5-5 , claude-opus-5-5=us.anthropic.claude-opus-5-5,fast=anthropic.claude-haiku-7 ", out var problems);

        Assert.Empty(problems);
        Assert.Equal("us.anthropic.claude-opus-5-5", aliases.Apply("claude-opus-5-5"));
        Assert.Equal("anthropic.claude-haiku-7", aliases.Apply("fast"));
        Assert.Equal("global.anthropic.claude-opus-5-5", aliases.Apply("opus"));
        Assert.Equal("claude-sonnet-4-5", aliases.Apply("claude-sonnet-4-5"));
    }

    [Fact]
    public void Parse_BadItems_ReportsEveryProblemAndKeepsNone()
    {
        var aliases = ModelAliases.Parse("opus=gpt-4o,nothing,x=,a=b=c,dup=claude-opus-5,dup=claude-opus-5,chain=dup,old=anthropic.claude-v1", out var problems);

        Assert.Same(ModelAliases.Empty, aliases);
        Assert.Equal(
        [
            "MODEL_ALIASES: 'nothing' is not name=target.",
            "MODEL_ALIASES: 'x=' is not name=target.",
            "MODEL_ALIASES: 'a=b=c' is not name=target.",
            "MODEL_ALIASES: alias 'dup' is defined twice.",
            "MODEL_ALIASES: the target of 'opus' ('gpt-4o') is not a Claude model id or name.",
            "MODEL_ALIASES: the target of 'chain' ('dup') is itself an alias; name the model directly.",
            "MODEL_ALIASES: the target of 'old' ('anthropic.claude-v1') was retired by AWS.",
        ], problems);
    }
}
