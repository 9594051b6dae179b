using System.Net;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Recording;

public sealed class RequestLogTests : FakeBedrockTest
{
    protected override FakeBedrockOptions Options => new() { RequestLogCapacity = 2 };

    [Fact]
    public async Task Requests_MoreThanTheCapacity_KeepsTheNewestInArrivalOrder()
    {
        foreach (var text in new[] { "first", "second", "third" })
        {
            using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages(text));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal([Bodies.Messages("second"), Bodies.Messages("third")], Server.Requests.Select(r => r.Body));
        Assert.Equal(3, Server.Credential(UsKey).RequestCount);
    }

    [Fact]
    public async Task ClearRequests_AfterTraffic_Empty()
    {
        using (await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages()))
        {
        }

        Server.ClearRequests();

        Assert.Empty(Server.Requests);
        Assert.Equal(0, Server.OpenRequests);
        await Server.WaitForNoOpenRequestsAsync(TimeSpan.FromSeconds(1));
    }
}
