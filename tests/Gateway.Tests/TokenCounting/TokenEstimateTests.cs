using System.Text;
using OrleansProxy.Gateway.TokenCounting;

namespace OrleansProxy.Gateway.Tests.TokenCounting;

public class TokenEstimateTests
{
    private static long Of(string json) => TokenEstimate.Of(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Of_TextMessages_FourCharactersPerTokenPlusTurnMarkup()
    {
        // "You are terse." (14) + "Hello there, model!" (19) = 33 characters: 9 tokens, plus 3 for the one message.
        Assert.Equal(12, Of("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"system":"You are terse.","messages":[{"role":"user","content":"Hello there, model!"}]}"""));
    }

    [Fact]
    public void Of_FieldsOutsideThePrompt_CostNothing()
    {
        var plain = Of("""{"messages":[{"role":"user","content":"abcd"}]}""");
        var withSampling = Of("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"temperature":0.5,"stop_sequences":["a very long stop sequence"],"anthropic_beta":["context-1m-2025-08-07"],"messages":[{"role":"user","content":"abcd"}]}""");

        Assert.Equal(4, plain);
        Assert.Equal(plain, withSampling);
    }

    [Fact]
    public void Of_ImageBlock_CostsAFixedAmountWhateverItsSize()
    {
        var small = Of($$$"""{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{new string('A', 100)}}}"}}]}]}""");
        var large = Of($$$"""{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{new string('A', 100_000)}}}"}}]}]}""");

        Assert.Equal(TokenEstimate.MediaBlockTokens + TokenEstimate.PerMessageTokens, small);
        Assert.Equal(small, large);
    }

    [Fact]
    public void Of_TextDocument_CountsItsText()
    {
        var text = new string('x', 400);
        Assert.Equal(100 + 3, Of($$$"""{"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"{{{text}}}"}}]}]}"""));
    }

    [Fact]
    public void Of_Tools_CountTheirNamesDescriptionsAndSchemaFields()
    {
        var without = Of("""{"messages":[{"role":"user","content":"Hi"}]}""");
        var with = Of("""{"messages":[{"role":"user","content":"Hi"}],"tools":[{"name":"get_weather","description":"Weather for a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}""");

        Assert.True(with > without + 10, $"{with} should exceed {without} by the tool definition");
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"messages\":[]}")]
    public void Of_EmptyOrOddBodies_AtLeastOne(string json) => Assert.True(Of(json) >= 1);
}
