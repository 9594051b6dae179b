using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Sessions;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Sessions.Tests;

public sealed class SessionKeyTests
{
    private const string Caller = "key:0badc0de";
    private const string SessionUuid = "4f9a3a64-6c2e-4b8a-9d0f-0c1e2d3b4a59";
    private const string OtherUuid = "7d2b1c0e-1111-4222-8333-944455556666";
    private static readonly string LongSystem = new('s', 4000);

    private static SessionKey? Key(string json, SessionHints? hints = null, ClientDialect dialect = ClientDialect.AnthropicMessages)
    {
        var result = RequestTranslator.Parse(dialect, Encoding.UTF8.GetBytes(json), null, TranslationOptions.Default,
            hints ?? new SessionHints(Caller, null, null));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Request.Session;
    }

    private static string Messages(
        string? userId = null, string model = "claude-sonnet-4-5", bool cachedSystem = false, string? ttl = null,
        string firstUser = "Hi", string? later = null, bool cachedTools = false) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = model,
            ["max_tokens"] = 64,
            ["metadata"] = userId is null ? null : new { user_id = userId },
            ["tools"] = cachedTools
                ? new object[] { new { name = "read", input_schema = new { type = "object" }, cache_control = new { type = "ephemeral" } } }
                : null,
            ["system"] = cachedSystem
                ? new object[]
                {
                    new Dictionary<string, object> { ["type"] = "text", ["text"] = LongSystem,
                        ["cache_control"] = ttl is null ? new { type = "ephemeral" } : new { type = "ephemeral", ttl } },
                    new { type = "text", text = "Today is " + (later ?? "Monday") },
                }
                : null,
            ["messages"] = later is null
                ? new object[] { new { role = "user", content = firstUser } }
                : new object[]
                {
                    new { role = "user", content = firstUser },
                    new { role = "assistant", content = "ok" },
                    new { role = "user", content = new object[] { new { type = "text", text = later, cache_control = new { type = "ephemeral" } } } },
                },
        });

    [Fact]
    public void ClaudeCodeHeader_WinsOverEveryOtherForm()
    {
        var key = Key(Messages(userId: $$"""{"device_id":"d","account_uuid":"","session_id":"{{OtherUuid}}"}""", cachedSystem: true),
            new SessionHints(Caller, SessionUuid, "explicit-1"));

        Assert.Equal(SessionKeySource.ClaudeCodeHeader, key!.Value.Source);
        // The same id sent by another carrier is the same session.
        Assert.Equal(key.Value.Hash, Key(Messages(), new SessionHints(Caller, null, SessionUuid))!.Value.Hash);
    }

    [Fact]
    public void MetadataUserId_JsonStringForm_GivesItsSessionId()
    {
        var key = Key(Messages(userId: $$"""{"device_id":"abc123","account_uuid":"","session_id":"{{SessionUuid}}"}"""),
            new SessionHints(Caller, null, "explicit-1"));

        Assert.Equal(SessionKeySource.MetadataUserId, key!.Value.Source);
        Assert.Equal(Key(Messages(), new SessionHints(Caller, SessionUuid, null))!.Value.Hash, key.Value.Hash);
    }

    [Fact]
    public void MetadataUserId_LegacyForm_GivesItsSessionId()
    {
        var key = Key(Messages(userId: $"user_9f86d081884c7d659a2feaa0c55ad015_account__session_{SessionUuid}"));

        Assert.Equal(SessionKeySource.MetadataUserId, key!.Value.Source);
        Assert.Equal(Key(Messages(), new SessionHints(Caller, SessionUuid, null))!.Value.Hash, key.Value.Hash);
        Assert.Equal(key, Key(Messages(userId: $"user_abc_account_{OtherUuid}_session_{SessionUuid}")));
    }

    [Theory]
    [InlineData("plain-user-42")]
    [InlineData("""{"device_id":"d","session_id":""}""")]
    [InlineData("""{"device_id":"d","session_id":42}""")]
    [InlineData("""{"device_id":"d","session_id":"a b"}""")]
    [InlineData("""{"device_id":"d","session_id":"abc""")]
    [InlineData("""{"session_id":"abc"} trailing""")]
    [InlineData("""["session_id","abc"]""")]
    [InlineData("user_abc_account__session_")]
    [InlineData("user_abc_session_x_account_")]
    public void MetadataUserId_Malformed_IsIgnored(string userId)
    {
        Assert.Null(Key(Messages(userId: userId)));
        // Falls through to the next form.
        Assert.Equal(SessionKeySource.SessionHeader, Key(Messages(userId: userId), new SessionHints(Caller, null, "explicit-1"))!.Value.Source);
    }

    [Fact]
    public void MetadataNotAnObject_IsIgnored()
    {
        Assert.Null(Key("""{"model":"claude-sonnet-4-5","max_tokens":5,"metadata":"x","messages":[{"role":"user","content":"Hi"}]}"""));
    }

    [Fact]
    public void SessionHeader_IsUsedWhenClaudeCodeSendsNothing()
    {
        var key = Key(Messages(cachedSystem: true), new SessionHints(Caller, null, "my-session"));

        Assert.Equal(SessionKeySource.SessionHeader, key!.Value.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a,b")]
    [InlineData("tab\there")]
    [InlineData("é")]
    public void MalformedHeaders_AreIgnored(string value)
    {
        Assert.Null(Key(Messages(), new SessionHints(Caller, value, value)));
        Assert.Null(Key(Messages(), new SessionHints(Caller, new string('a', SessionIds.MaxLength + 1), null)));
        Assert.NotNull(Key(Messages(), new SessionHints(Caller, new string('a', SessionIds.MaxLength), null)));
    }

    [Fact]
    public void NoIdAndNoCacheControl_IsNotPinned()
    {
        Assert.Null(Key(Messages()));
        Assert.Null(Key(Messages(), new SessionHints(Caller, null, null)));
    }

    [Fact]
    public void CachePrefix_IsStableAcrossTurnsAndIgnoresTheMovingBreakpoint()
    {
        var first = Key(Messages(cachedSystem: true, firstUser: "task A"));
        var second = Key(Messages(cachedSystem: true, firstUser: "task A", later: "turn 2"));
        var third = Key(Messages(cachedSystem: true, firstUser: "task B", later: "turn 3"));

        Assert.Equal(SessionKeySource.CachePrefix, first!.Value.Source);
        // Only tools and system up to the first breakpoint count: the text block after it ("Today is …") and the
        // conversation do not.
        Assert.Equal(first.Value.Hash, second!.Value.Hash);
        Assert.Equal(first.Value.Hash, third!.Value.Hash);
        Assert.False(first.Value.LongTtl);
    }

    [Fact]
    public void CachePrefix_DiffersWithTheCachedContent()
    {
        var withTools = Key(Messages(cachedTools: true, cachedSystem: true));
        var withoutTools = Key(Messages(cachedSystem: true));

        Assert.NotEqual(withTools!.Value.Hash, withoutTools!.Value.Hash);
    }

    [Fact]
    public void CachePrefix_OnlyInMessages_UsesTheFirstMessageWithoutItsCacheControl()
    {
        var turn1 = Key("""{"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"doc","cache_control":{"type":"ephemeral"}}]}]}""");
        var turn2 = Key("""{"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"doc"}]},{"role":"assistant","content":"ok"},{"role":"user","content":[{"type":"text","text":"more","cache_control":{"type":"ephemeral"}}]}]}""");
        var other = Key("""{"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"other doc","cache_control":{"type":"ephemeral"}}]}]}""");

        Assert.Equal(turn1!.Value.Hash, turn2!.Value.Hash);
        Assert.NotEqual(turn1.Value.Hash, other!.Value.Hash);
    }

    [Fact]
    public void OneHourTtl_MakesTheKeyLong()
    {
        var key = Key(Messages(cachedSystem: true, ttl: "1h"), new SessionHints(Caller, SessionUuid, null));

        Assert.True(key!.Value.LongTtl);
        Assert.Equal(TimeSpan.FromHours(1), key.Value.Ttl);
        Assert.Equal(TimeSpan.FromHours(1), key.Value.ToLease().Ttl);
        Assert.Equal(TimeSpan.FromMinutes(5), Key(Messages(cachedSystem: true, ttl: "5m"))!.Value.Ttl);
        Assert.Equal(key.Value.Hash, key.Value.ToLease().Hash);
    }

    [Fact]
    public void Keys_AreScopedByCaller()
    {
        var mine = Key(Messages(cachedSystem: true), new SessionHints(Caller, SessionUuid, null));
        var theirs = Key(Messages(cachedSystem: true), new SessionHints("user:other", SessionUuid, null));
        var minePrefix = Key(Messages(cachedSystem: true), new SessionHints(Caller, null, null));
        var theirPrefix = Key(Messages(cachedSystem: true), new SessionHints("user:other", null, null));

        Assert.NotEqual(mine!.Value.Hash, theirs!.Value.Hash);
        Assert.NotEqual(minePrefix!.Value.Hash, theirPrefix!.Value.Hash);
    }

    [Fact]
    public void Keys_AreScopedByModelFamily()
    {
        var hints = new SessionHints(Caller, SessionUuid, null);
        var sonnet = Key(Messages(model: "claude-sonnet-4-5"), hints);
        var sonnetAgain = Key(Messages(model: "claude-sonnet-4-5-20250929"), hints);
        var haiku = Key(Messages(model: "claude-haiku-4-5"), hints);

        Assert.Equal(sonnet!.Value.Hash, sonnetAgain!.Value.Hash);
        Assert.NotEqual(sonnet.Value.Hash, haiku!.Value.Hash);
    }

    [Fact]
    public void Key_DoesNotContainTheSessionId()
    {
        var key = Key(Messages(), new SessionHints(Caller, SessionUuid, null))!.Value;
        var lease = key.ToLease();

        Assert.DoesNotContain(SessionUuid, lease.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(UInt128.Zero, key.Hash);
    }

    [Fact]
    public void WithoutHints_NoKeyIsDerived()
    {
        var result = RequestTranslator.Parse(ClientDialect.AnthropicMessages, Encoding.UTF8.GetBytes(Messages(cachedSystem: true)), null, TranslationOptions.Default);

        Assert.Null(result.Request!.Session);
    }

    [Fact]
    public void OtherDialects_TakeTheHeadersOnly()
    {
        var hints = new SessionHints(Caller, null, "chat-1");
        var chat = Key("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""", hints, ClientDialect.OpenAiChat);
        var legacy = Key("""{"model":"claude-2.1","max_tokens_to_sample":5,"prompt":"\n\nHuman: Hi\n\nAssistant:"}""",
            new SessionHints(Caller, SessionUuid, null), ClientDialect.AnthropicTextCompletions);

        Assert.Equal(SessionKeySource.SessionHeader, chat!.Value.Source);
        Assert.Equal(SessionKeySource.ClaudeCodeHeader, legacy!.Value.Source);
        Assert.Null(Key("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""", null, ClientDialect.OpenAiChat));
    }
}
