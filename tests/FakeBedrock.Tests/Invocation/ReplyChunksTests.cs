using OrleansProxy.Testing.FakeBedrock.Invocation;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Invocation;

public sealed class ReplyChunksTests
{
    [Theory]
    [InlineData("Fake Bedrock reply", new[] { "Fake", " Bedrock", " reply" })]
    [InlineData("  lead and trail  ", new[] { "  lead", " and", " trail  " })]
    [InlineData("one", new[] { "one" })]
    [InlineData("", new string[0])]
    public void Split_ByWord_OnePiecePerWordThatJoinsBack(string reply, string[] pieces)
    {
        Assert.Equal(pieces, ReplyChunks.Split(reply, chunks: null));
        Assert.Equal(reply, string.Concat(ReplyChunks.Split(reply, chunks: null)));
    }

    [Theory]
    [InlineData("abcdefghij", 3, new[] { "abc", "def", "ghij" })]
    [InlineData("abc", 10, new[] { "a", "b", "c" })]
    [InlineData("abc", 1, new[] { "abc" })]
    public void Split_FixedCount_NearEqualPieces(string reply, int chunks, string[] pieces)
    {
        Assert.Equal(pieces, ReplyChunks.Split(reply, chunks));
    }

    [Fact]
    public void Split_FixedCount_NeverCutsASurrogatePair()
    {
        const string reply = "a\U0001F600b";

        var pieces = ReplyChunks.Split(reply, 2);

        Assert.Equal(reply, string.Concat(pieces));
        Assert.All(pieces, piece => Assert.False(char.IsHighSurrogate(piece[^1])));
    }

    [Theory]
    [InlineData("Fake Bedrock reply to: hi", 5)]
    [InlineData("   ", 0)]
    [InlineData("one\ntwo\tthree", 3)]
    public void CountWords_Reply_WhitespaceSeparatedWords(string reply, int words)
    {
        Assert.Equal(words, ReplyChunks.CountWords(reply));
    }
}
