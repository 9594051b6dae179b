using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>
/// The ops dashboard in real headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Playwright) against the
/// gateway's Kestrel listener: enter the key, see the credentials and their statuses, filter, disable one, open the
/// Orleans Dashboard with the session cookie. Saves screenshots under <c>artifacts/screenshots/</c>.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class DashboardBrowserTests(AdminGatewayFixture fixture, ITestOutputHelper output)
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task Dashboard_ListsCredentials_AndDisableChangesTheRow()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is required at {ChromiumPath} (apt-get install chromium); this test fails without it.");
        var credentials = new[] { fixture.NewCredential("ca-central-1", account: "210987654321"), fixture.NewCredential("ca-central-1") };
        var revoked = fixture.NewCredential("ca-central-1");
        fixture.Bedrock.Credential(revoked.AccessKeyId).Revoked = true;
        await fixture.AddAsync([.. credentials, revoked]);
        var target = credentials[1];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{message.Text} at {message.Location}");
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} from {response.Url}");
            }
        };

        await page.GotoAsync(new Uri(fixture.BaseAddress, "/admin").ToString());
        await page.FillAsync("#admin-key", AdminGatewayFixture.TestAdminKey);
        await page.ClickAsync("#login-button");
        await page.WaitForSelectorAsync("#credentials tbody tr");
        await page.WaitForSelectorAsync("#families tbody tr");
        await page.FillAsync("#filter-region", "ca-central-1");
        await page.ClickAsync("#apply-filters");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#credentials tbody tr').length === 3 && document.querySelector('#page-info').textContent.endsWith('of 3')");

        var row = page.Locator($"#credentials tr[data-id='{target.Id}']");
        Assert.Equal("Active", await row.Locator("td.status .badge").InnerTextAsync());
        Assert.Equal("no", (await row.Locator("td.disabled").InnerTextAsync()).Trim());
        Assert.Equal(target.MaskedAccessKeyId, await row.Locator("td:nth-child(2)").InnerTextAsync());
        // A key whose id carries its AWS account shows the account's group (keys sharing it share quotas).
        var withAccount = page.Locator($"#credentials tr[data-id='{credentials[0].Id}'] td:nth-child(2) .reason");
        Assert.Equal("account " + credentials[0].QuotaGroup, await withAccount.InnerTextAsync());
        Assert.Equal("Revoked", await page.Locator($"#credentials tr[data-id='{revoked.Id}'] td.status .badge").InnerTextAsync());
        Assert.False(await page.Locator("#api-error").IsVisibleAsync());
        Assert.True(await page.Locator("#by-status .status-Active").IsVisibleAsync());

        await row.Locator("button[data-action='disable']").ClickAsync();
        await page.WaitForSelectorAsync($"#credentials tr[data-id='{target.Id}'][data-disabled='true']");
        var disabledRow = page.Locator($"#credentials tr[data-id='{target.Id}']");
        Assert.StartsWith("disabled", (await disabledRow.Locator("td.disabled").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal("Enable", await disabledRow.Locator("button[data-action='enable']").InnerTextAsync());
        Assert.True((await fixture.Grains.GetGrain<Credentials.ICredentialGrain>(target.Id).GetSnapshotAsync()).Disabled);

        var screenshot = ScreenshotPath("dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Dashboard screenshot: {screenshot}");
        Console.WriteLine($"Dashboard screenshot: {screenshot}");

        // The key entered set the session cookie, so the Orleans Dashboard opens in the same browser.
        var orleans = await context.NewPageAsync();
        var refused = new List<string>();
        orleans.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                refused.Add($"{r.Status} from {r.Url}");
            }
        };
        IResponse? response = null;
        var counters = await orleans.RunAndWaitForResponseAsync(
            async () => response = await orleans.GotoAsync(new Uri(fixture.BaseAddress, "/admin/orleans/").ToString()),
            r => r.Url.Contains("/admin/orleans/DashboardCounters", StringComparison.Ordinal));
        Assert.Equal(200, response!.Status);
        Assert.Equal(200, counters.Status);
        Assert.Equal("Orleans Dashboard", await orleans.TitleAsync());
        await orleans.GetByText("Loading...").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await orleans.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("orleans-dashboard.png") });
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(File.Exists(screenshot));
    }

    private static string ScreenshotPath(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansProxy.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
