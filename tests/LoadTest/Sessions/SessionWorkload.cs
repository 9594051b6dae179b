using System.Text;
using System.Text.Json;

namespace OrleansProxy.LoadTest.Sessions;

/// <summary>
/// Synthetic Claude Code sessions: a long system prompt (tools and a shared part, then the session's own project
/// context) marked for caching, a conversation that grows every turn with its newest user turn marked, and at
/// some turns two sub-agents in parallel (their own system prompt and a short conversation, same session id).
/// Every request body carries <c>[s&lt;n&gt;]</c>, so the fake's log tells which session a request belongs to.
/// </summary>
internal sealed class SessionWorkload(int turns, int[] subAgentTurns, int subAgentTurnCount)
{
    public const string Model = "claude-sonnet-4-5";

    private static readonly JsonSerializerOptions SkipNulls =
        new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static readonly string SharedSystem = Filler("You are Claude Code, a coding agent. ", 24_000);
    private static readonly string SubAgentSystem = Filler("You are a search sub-agent. ", 8_000);
    private static readonly object[] Tools = [.. Enumerable.Range(0, 8).Select(i => new
    {
        name = $"tool_{i}",
        description = Filler($"Tool {i} does one thing well. ", 800),
        input_schema = new { type = "object", properties = new { path = new { type = "string" } } },
    })];

    /// <summary>Requests one session sends.</summary>
    public int RequestsPerSession => turns + subAgentTurns.Count(t => t <= turns) * 2 * subAgentTurnCount;

    /// <summary>Runs session <paramref name="session"/>: its turns in order, its sub-agents in parallel at their turns.</summary>
    public async Task RunAsync(int session, Func<string, string, Task<int>> send)
    {
        var sessionId = $"{Guid.NewGuid()}";
        var context = Filler($"[s{session}] Working directory /work/project-{session}. CLAUDE.md says: ", 4_000);
        var history = new List<object>();
        for (var turn = 1; turn <= turns; turn++)
        {
            if (subAgentTurns.Contains(turn))
            {
                await Task.WhenAll(Enumerable.Range(0, 2).Select(agent => SubAgentAsync(session, sessionId, turn, agent, send)));
            }

            history.Add(User($"[s{session}] turn {turn}: " + Filler("please change the code. ", 1_200)));
            await send(sessionId, Body(SharedSystem + context, Tools, history));
            history[^1] = Unmarked(history[^1]);
            history.Add(new { role = "assistant", content = new object[] { new { type = "text", text = Filler("Done. ", 600) } } });
        }
    }

    private async Task SubAgentAsync(int session, string sessionId, int turn, int agent, Func<string, string, Task<int>> send)
    {
        var system = SubAgentSystem + $"[s{session}] sub-agent {agent} of turn {turn}.";
        var history = new List<object>();
        for (var step = 1; step <= subAgentTurnCount; step++)
        {
            history.Add(User($"[s{session}] find things, step {step}: " + Filler("search. ", 400)));
            await send(sessionId, Body(system, [], history));
            history[^1] = Unmarked(history[^1]);
            history.Add(new { role = "assistant", content = new object[] { new { type = "text", text = Filler("Found. ", 300) } } });
        }
    }

    private static string Body(string system, object[] tools, List<object> messages) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["model"] = Model,
        ["max_tokens"] = 1024,
        ["tools"] = tools.Length > 0 ? tools : null,
        ["system"] = new object[] { new Dictionary<string, object> { ["type"] = "text", ["text"] = system, ["cache_control"] = new { type = "ephemeral" } } },
        ["messages"] = messages,
    }, SkipNulls);

    private static object User(string text) =>
        new { role = "user", content = new object[] { new { type = "text", text, cache_control = new { type = "ephemeral" } } } };

    private static object Unmarked(object message)
    {
        var text = JsonDocument.Parse(JsonSerializer.Serialize(message)).RootElement.GetProperty("content")[0].GetProperty("text").GetString()!;
        return new { role = "user", content = new object[] { new { type = "text", text } } };
    }

    private static string Filler(string seed, int length)
    {
        var text = new StringBuilder(length + seed.Length);
        while (text.Length < length)
        {
            text.Append(seed);
        }

        return text.ToString(0, length);
    }
}
