using System.Net;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Behaviour;

/// <summary>Each <see cref="FakeAccount"/> knob changes the very next request, and only for its key.</summary>
public sealed class AccountBehaviourTests : FakeBedrockTest
{
    [Fact]
    public async Task Logging_NeverConfigured_EmptyObject()
    {
        using var response = await Us().GetLoggingConfigurationAsync();

        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logging_ConfiguredTextOff_TextDeliveryFalse()
    {
        Server.Credential(UsKey).Logging = FakeLoggingMode.ConfiguredTextOff;

        using var response = await Us().GetLoggingConfigurationAsync();

        var config = (await Json(response)).GetProperty("loggingConfig");
        Assert.False(config.GetProperty("textDataDeliveryEnabled").GetBoolean());
        Assert.False(config.TryGetProperty("cloudWatchConfig", out _));
    }

    [Fact]
    public async Task Logging_Enabled_TextDeliveryToCloudWatch()
    {
        Server.Credential(UsKey).Logging = FakeLoggingMode.Enabled;

        using var response = await Us().GetLoggingConfigurationAsync();

        var config = (await Json(response)).GetProperty("loggingConfig");
        Assert.True(config.GetProperty("textDataDeliveryEnabled").GetBoolean());
        Assert.Equal("/aws/bedrock/modelinvocations", config.GetProperty("cloudWatchConfig").GetProperty("logGroupName").GetString());
    }

    [Fact]
    public async Task Logging_NoPermission_AccessDenied()
    {
        Server.Credential(UsKey).Logging = FakeLoggingMode.NoPermission;

        using var response = await Us().GetLoggingConfigurationAsync();

        var message = await AwsErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Contains("is not authorized to perform: bedrock:GetModelInvocationLoggingConfiguration", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_OneKeyChanged_OtherKeyUnaffected()
    {
        Server.Credential(UsKey).Logging = FakeLoggingMode.Enabled;

        using var response = await Eu().GetLoggingConfigurationAsync();

        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoked_EveryCall_UnrecognizedClient()
    {
        Server.Credential(UsKey).Revoked = true;

        using var logging = await Us().GetLoggingConfigurationAsync();
        using var invoke = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(logging, HttpStatusCode.Forbidden, "UnrecognizedClientException");
        await AwsErrorAssert.IsAsync(invoke, HttpStatusCode.Forbidden, "UnrecognizedClientException");
    }

    [Fact]
    public async Task ThrottleNext_Two_TwoThrottledThenServed()
    {
        Server.Credential(UsKey).ThrottleNext(2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([(HttpStatusCode)429, (HttpStatusCode)429, HttpStatusCode.OK], statuses);
        Assert.Equal(["ThrottlingException", "ThrottlingException", null], Server.Requests.Select(r => r.ErrorType));
    }

    [Theory]
    [InlineData(FakeThrottleMessage.TooManyRequests, "Too many requests, please wait before trying again.")]
    [InlineData(FakeThrottleMessage.TooManyTokens, "Too many tokens, please wait before trying again.")]
    [InlineData(FakeThrottleMessage.TooManyTokensPerDay, "Too many tokens per day, please wait before trying again.")]
    public async Task ThrottleAlways_ChosenMessage_EveryInvocationThrottled(FakeThrottleMessage text, string message)
    {
        var account = Server.Credential(UsKey);
        account.ThrottleAlways = true;
        account.ThrottleMessage = text;

        using var first = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        using var second = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages(), stream: true);

        await AwsErrorAssert.IsAsync(first, (HttpStatusCode)429, "ThrottlingException", message);
        await AwsErrorAssert.IsAsync(second, (HttpStatusCode)429, "ThrottlingException", message);
    }

    [Fact]
    public async Task ThrottleAlways_LoggingCall_NotThrottledUnlessControlPlaneToo()
    {
        var account = Server.Credential(UsKey);
        account.ThrottleAlways = true;

        using var spared = await Us().GetLoggingConfigurationAsync();
        account.ThrottleControlPlane = true;
        using var throttled = await Us().GetLoggingConfigurationAsync();

        Assert.Equal(HttpStatusCode.OK, spared.StatusCode);
        await AwsErrorAssert.IsAsync(throttled, (HttpStatusCode)429, "ThrottlingException");
    }

    [Fact]
    public async Task ThrottleNext_KeysOfOneAccountAndRegion_ShareTheQuota()
    {
        const string second = "AKIAFAKEUSEAST2";
        Server.AddCredential(second, UsSecret, "us-east-1");
        Server.Credential(UsKey).Account = "111122223333";
        Server.Credential(second).Account = "111122223333";
        Server.Credential(UsKey).ThrottleNext(1);

        using var other = await Client(second, UsSecret, "us-east-1").InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        using var us = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(other, (HttpStatusCode)429, "ThrottlingException");
        Assert.Equal(HttpStatusCode.OK, us.StatusCode);
    }

    [Fact]
    public async Task ThrottleNext_OneAccountInTwoRegions_Independent()
    {
        Server.Credential(UsKey).Account = "111122223333";
        Server.Credential(EuKey).Account = "111122223333";
        Server.Credential(UsKey).ThrottleNext(1);

        using var eu = await Eu().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        Assert.Equal(HttpStatusCode.OK, eu.StatusCode);
        Assert.Equal(1, Server.Credential(UsKey).PendingThrottles);
    }

    [Fact]
    public async Task Account_ComesFromACurrentGenerationKeyId_SoSuchKeysShareTheirAccountsQuota()
    {
        var first = AccessKeyIds.ForAccount("609629065308", 1);
        var second = AccessKeyIds.ForAccount("609629065308", 2);
        Server.AddCredential(first, UsSecret, "us-east-1");
        Server.AddCredential(second, UsSecret, "us-east-1");
        Server.Credential(first).ThrottleNext(1);

        using var throttled = await Client(second, UsSecret, "us-east-1").InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        Assert.Equal("609629065308", Server.Credential(second).Account);
        Assert.Null(Server.Credential(UsKey).Account);
        await AwsErrorAssert.IsAsync(throttled, (HttpStatusCode)429, "ThrottlingException");
    }

    [Fact]
    public async Task ThrottleNext_KeysOfDifferentAccounts_Independent()
    {
        Server.Credential(UsKey).ThrottleNext(1);

        using var eu = await Eu().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        Assert.Equal(HttpStatusCode.OK, eu.StatusCode);
        Assert.Equal(1, Server.Credential(UsKey).PendingThrottles);
    }

    [Theory]
    [InlineData(FakeFault.InternalServer, 500, "InternalServerException")]
    [InlineData(FakeFault.ServiceUnavailable, 503, "ServiceUnavailableException")]
    [InlineData(FakeFault.ModelTimeout, 408, "ModelTimeoutException")]
    [InlineData(FakeFault.ModelError, 424, "ModelErrorException")]
    [InlineData(FakeFault.ModelNotReady, 429, "ModelNotReadyException")]
    public async Task FailNext_Fault_AnsweredOnceThenServed(FakeFault fault, int status, string errorType)
    {
        Server.Credential(UsKey).FailNext(1, fault);

        using var failed = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        using var served = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(failed, (HttpStatusCode)status, errorType);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task CutNext_AnswerBreaksOffMidBodyOnceThenServed()
    {
        var account = Server.Credential(UsKey);
        account.CutNext(1);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages()));
        using var served = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(0, account.PendingCuts);
        Assert.Equal(["ConnectionCut", null], Server.Requests.Select(r => r.ErrorType));
    }

    [Fact]
    public async Task FailNext_ServiceUnavailable_TooManyConnections()
    {
        Server.Credential(UsKey).FailNext(1, FakeFault.ServiceUnavailable);

        using var failed = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        await AwsErrorAssert.IsAsync(failed, HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException",
            "Too many connections, please wait before trying again.");
    }

    [Fact]
    public async Task FailNext_QueuedFaults_AnsweredInOrder()
    {
        var account = Server.Credential(UsKey);
        account.FailNext(1, FakeFault.ModelTimeout);
        account.FailNext(1, FakeFault.InternalServer);

        for (var i = 0; i < 3; i++)
        {
            using var _ = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        }

        Assert.Equal(["ModelTimeoutException", "InternalServerException", null], Server.Requests.Select(r => r.ErrorType));
    }

    [Fact]
    public async Task DeniedModels_FamilyPrefix_DeniesEveryMatchingModelOnly()
    {
        Server.Credential(UsKey).DeniedModels.Add("anthropic.claude-3");

        using var haiku = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        using var profile = await Us().InvokeAsync("us.anthropic.claude-3-7-sonnet-20250219-v1%3A0", Bodies.Messages());
        using var sonnet4 = await Us().InvokeAsync("us." + Bodies.SonnetFour, Bodies.Messages());

        await AwsErrorAssert.IsAsync(haiku, HttpStatusCode.Forbidden, "AccessDeniedException");
        await AwsErrorAssert.IsAsync(profile, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal(HttpStatusCode.OK, sonnet4.StatusCode);
    }

    [Fact]
    public async Task ModelsNotInRegion_Model_ResourceNotFound()
    {
        Server.Credential(EuKey).ModelsNotInRegion.Add("anthropic.claude-3-opus-20240229-v1:0");

        using var response = await Eu().InvokeAsync("anthropic.claude-3-opus-20240229-v1%3A0", Bodies.Messages());

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "ResourceNotFoundException",
            "Could not resolve the foundation model from the provided model identifier.");
    }

    [Fact]
    public async Task Counters_RequestsOfOneKey_CountedPerKey()
    {
        Server.Credential(UsKey).ThrottleNext(1);

        using (await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages()))
        using (await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages()))
        using (await Us().GetLoggingConfigurationAsync())
        using (await Eu().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages()))
        {
        }

        Assert.Equal(3, Server.Credential(UsKey).RequestCount);
        Assert.Equal(1, Server.Credential(UsKey).SuccessfulInvocations);
        Assert.Equal(1, Server.Credential(EuKey).RequestCount);
    }

    [Fact]
    public async Task Reset_AfterKnobsWereSet_DefaultsAgain()
    {
        var account = Server.Credential(UsKey);
        account.ThrottleAlways = true;
        account.FailNext(3, FakeFault.ModelError);
        account.DeniedModels.Add("anthropic.");
        account.Logging = FakeLoggingMode.Enabled;

        account.Reset();
        using var invoke = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        using var logging = await Us().GetLoggingConfigurationAsync();

        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
        Assert.Equal("{}", await logging.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Credential_UnknownKey_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => Server.Credential("AKIANOBODY"));
    }

    private static async Task<System.Text.Json.JsonElement> Json(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
