using Microsoft.Playwright;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Users;
using Xunit.Abstractions;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>
/// The dashboard's Users view in headless Chromium: create a user (its token shown once, with the warning), find it in
/// the list, disable it, rotate its token (the new one shown once), delete it after confirming.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class UsersDashboardBrowserTests(AdminGatewayFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task Users_CreateShowsTokenOnce_ListShowsUser_DisableRotateDelete()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"Chromium is required at {DashboardBrowserTests.ChromiumPath}; this test fails without it.");
        var name = "browser " + Guid.NewGuid().ToString("N")[..8];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} from {response.Url}");
            }
        };
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };

        await page.GotoAsync(new Uri(fixture.BaseAddress, "/admin").ToString());
        await page.FillAsync("#admin-key", AdminGatewayFixture.TestAdminKey);
        await page.ClickAsync("#login-button");
        await page.WaitForSelectorAsync("#user-page-info:has-text('users in all')");

        await page.FillAsync("#new-user-name", name);
        await page.FillAsync("#new-user-rpm", "30");
        await page.FillAsync("#new-user-quota", "50000");
        await page.ClickAsync("#create-user");
        await page.WaitForSelectorAsync("#token-box:not([hidden])");
        var token = await page.InnerTextAsync("#token-value");
        Assert.StartsWith(UserTokens.Prefix, token, StringComparison.Ordinal);
        Assert.Contains("Shown once", await page.InnerTextAsync("#token-box"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#copy-token").IsVisibleAsync());
        var id = (await page.InnerTextAsync("#user-result")).Split('(', ')')[1];
        Assert.True(UserTokens.IsUserId(id), id);
        Assert.NotNull(await fixture.Grains.GetGrain<IUserGrain>(id).GetSelfAsync(UserTokens.Hash(token)));

        await page.FillAsync("#user-search", name);
        await page.ClickAsync("#apply-user-filters");
        var row = page.Locator($"#users tr[data-id='{id}']");
        await row.WaitForAsync();
        Assert.Equal(name, (await row.Locator("td.name").InnerTextAsync()).Split('\n')[0].Trim());
        Assert.Equal("30 req/min", await row.Locator("td.limits").InnerTextAsync() is var limits ? limits.Split('\n')[0].Trim() : null);
        Assert.StartsWith("* day: 0 / 50,000 tokens", (await row.Locator("td.quotas").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.StartsWith("0 req", (await row.Locator("td.today").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#users tbody tr").CountAsync());
        var screenshot = Path.Combine(Path.GetTempPath(), "dashboard-users.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Users screenshot: {screenshot}");

        await page.ClickAsync("#dismiss-token");
        Assert.False(await page.Locator("#token-box").IsVisibleAsync());
        Assert.Equal("", await page.Locator("#token-value").TextContentAsync());

        await row.Locator("button[data-action='disable']").ClickAsync();
        await page.WaitForSelectorAsync($"#users tr[data-id='{id}'][data-disabled='true']");
        Assert.StartsWith("disabled", (await page.Locator($"#users tr[data-id='{id}'] td.state").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.True((await fixture.Grains.GetGrain<IUserGrain>(id).GetAsync())!.Disabled);

        await page.Locator($"#users tr[data-id='{id}'] button[data-action='rotate']").ClickAsync();
        await page.WaitForSelectorAsync("#token-box:not([hidden])");
        var rotated = await page.InnerTextAsync("#token-value");
        Assert.NotEqual(token, rotated);
        Assert.StartsWith("New token of", await page.InnerTextAsync("#token-for"), StringComparison.Ordinal);
        // Still disabled: the new token is the user's (refused as disabled), the old one is nobody's.
        var user = fixture.Grains.GetGrain<IUserGrain>(id);
        Assert.Equal(RefusalKind.UnknownToken, (await user.AdmitAsync(AdmissionRequest.Check(UserTokens.Hash(token), null))).Refusal);
        Assert.Equal(RefusalKind.Disabled, (await user.AdmitAsync(AdmissionRequest.Check(UserTokens.Hash(rotated), null))).Refusal);

        await page.Locator($"#users tr[data-id='{id}'] button[data-action='delete']").ClickAsync();
        await page.WaitForFunctionAsync($"() => !document.querySelector(\"#users tr[data-id='{id}']\")");
        Assert.Null(await fixture.Grains.GetGrain<IUserGrain>(id).GetAsync());
        Assert.Equal(2, dialogs.Count);
        Assert.StartsWith("Rotate the token of " + name, dialogs[0], StringComparison.Ordinal);
        Assert.StartsWith("Delete user " + name, dialogs[1], StringComparison.Ordinal);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
