using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orders.BrowserSpecs;

[Collection(ServiceInBrowserCollection.Name)]
public sealed class OperatorPageSpecs(ServiceInBrowser service)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [BrowserFact]
    public async Task The_page_shows_each_projection_with_its_position_and_lag_and_follows_the_log()
    {
        await service.CreateOrderAsync();
        await CaughtUpAsync();
        var page = await service.OpenOperatorPageAsync();

        foreach (var name in new[] { "order-documents", "search" })
        {
            var card = Projection(page, name);
            await Expect(card.Locator("[data-field=position]")).ToHaveTextAsync(Formatted(await service.HeadAsync()), new() { Timeout = Ms(Patience) });
            await Expect(card.Locator("[data-field=events-behind]")).ToHaveTextAsync("0");
            await Expect(card.Locator("[data-field=seconds-behind]")).ToHaveTextAsync("0 s");
            await Expect(card.GetByText("Events behind")).ToBeVisibleAsync();
            await Expect(card.Locator("[data-field=state]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Caught up|Events parked"));
        }
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "on");

        await service.CreateOrderAsync();
        await CaughtUpAsync();
        await Expect(Projection(page, "order-documents").Locator("[data-field=position]"))
            .ToHaveTextAsync(Formatted(await service.HeadAsync()), new() { Timeout = Ms(Patience) });
        await Screenshot(page, "operator-page-projections.png");
        Assert.Empty(service.ErrorsOf(page));
    }

    [BrowserFact]
    public async Task A_wrong_key_is_refused_and_the_page_asks_for_it_again()
    {
        var page = await service.OpenOperatorPageAsync("not-the-key");

        await Expect(page.Locator("#key-error")).ToHaveTextAsync("The key was not accepted.");
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        Assert.DoesNotContain("not-the-key", page.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task A_poison_event_is_parked_with_its_error_and_the_events_behind_it_and_replay_and_skip_work_by_clicking()
    {
        var orderId = await service.CreateOrderAsync("Poisoned parka");
        var stream = $"order-{orderId}";
        await service.AppendAsync(stream, 0,
            ("V1_ORDER_PAID", """{"paymentID":"pay-7","timestamp":42}"""),
            ("V1_DELIVERY_ADDRESS_CHANGED", """{"deliveryAddress":"9 Harbour Rd"}"""));
        var page = await service.OpenOperatorPageAsync();

        var parked = page.Locator($"article.parked[data-projection=order-documents][data-stream='{stream}']");
        await Expect(parked).ToBeVisibleAsync(new() { Timeout = Ms(Patience) });
        await Expect(parked.Locator(".event-line")).ToContainTextAsync("v1");
        await Expect(parked.Locator(".event-line")).ToContainTextAsync("V1_ORDER_PAID");
        await Expect(parked.Locator("[data-field=error]")).ToContainTextAsync("The data of a V1_ORDER_PAID event cannot be read");
        await Expect(parked.Locator(".held li")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("v2\\s*V1_DELIVERY_ADDRESS_CHANGED")]);
        await Expect(page.Locator($"article.parked[data-projection=search][data-stream='{stream}']")).ToBeVisibleAsync();
        await Expect(Projection(page, "order-documents").Locator("[data-field=state]")).ToHaveTextAsync("Events parked");
        await Screenshot(page, "operator-page-parked.png");

        await parked.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync($"{stream}: 0 released; v1 is still parked");
        await Expect(parked.Locator(".event-line")).ToContainTextAsync("after 6 attempts");

        await parked.GetByRole(AriaRole.Button, new() { Name = "Skip v1" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync($"{stream}: 2 events released");
        await Expect(parked).ToHaveCountAsync(0);
        var order = await service.Http.GetStringAsync(new Uri($"/api/v1/orders/{orderId}", UriKind.Relative));
        Assert.Contains("9 Harbour Rd", order, StringComparison.Ordinal);

        var search = page.Locator($"article.parked[data-projection=search][data-stream='{stream}']");
        await search.GetByRole(AriaRole.Button, new() { Name = "Skip v1" }).ClickAsync();
        await Expect(search).ToHaveCountAsync(0);
        Assert.Empty(service.ErrorsOf(page));
    }

    [BrowserFact]
    public async Task A_rebuild_asks_for_confirmation_then_shows_its_progress_until_it_finishes()
    {
        await service.CreateOrderAsync();
        await CaughtUpAsync();
        var page = await service.OpenOperatorPageAsync();
        var card = Projection(page, "search");
        var bar = card.GetByRole(AriaRole.Progressbar);
        await Expect(card.Locator("[data-field=position]")).Not.ToHaveTextAsync("—", new() { Timeout = Ms(Patience) });

        await card.GetByRole(AriaRole.Button, new() { Name = "Rebuild…" }).ClickAsync();
        await Expect(card.Locator("footer")).ToContainTextAsync("Forget everything search holds and replay the whole log into it?");
        await card.GetByRole(AriaRole.Button, new() { Name = "Rebuild now" }).ClickAsync();

        await Expect(bar).ToBeVisibleAsync(new() { Timeout = Ms(Patience) });
        var seen = new List<int>();
        var deadline = DateTime.UtcNow + Patience;
        while (!(await card.Locator("[data-field=rebuild-text]").TextContentAsync())!.StartsWith("Rebuilt in", StringComparison.Ordinal))
        {
            seen.Add(int.Parse((await bar.GetAttributeAsync("aria-valuenow"))!, CultureInfo.InvariantCulture));
            if (seen.Count == 2)
                await Screenshot(page, "operator-page-rebuilding.png");
            Assert.True(DateTime.UtcNow < deadline, $"The rebuild did not finish; progress seen: {string.Join(", ", seen)}");
            await Task.Delay(100);
        }

        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(card.Locator("[data-field=state]")).Not.ToHaveTextAsync("Rebuilding");
        Assert.Equal(seen.Order(), seen);
        var rebuild = (await service.ProjectionAsync("search")).GetProperty("rebuild");
        Assert.Equal(1.0, rebuild.GetProperty("fraction").GetDouble());
        await Screenshot(page, "operator-page-rebuilt.png");
        Assert.Empty(service.ErrorsOf(page));
    }

    static ILocator Projection(IPage page, string name) => page.Locator($"article.projection[data-projection='{name}']");

    static string Formatted(ulong position) => position.ToString("N0", CultureInfo.InvariantCulture);

    static float Ms(TimeSpan time) => (float)time.TotalMilliseconds;

    async Task CaughtUpAsync()
    {
        var head = await service.HeadAsync();
        await ServiceInBrowser.EventuallyAsync(async () =>
            (await service.StatusAsync()).GetProperty("projections").EnumerateArray()
                .All(p => p.GetProperty("checkpoint").ValueKind == System.Text.Json.JsonValueKind.Object
                    && p.GetProperty("checkpoint").GetProperty("commit").GetUInt64() >= head),
            "the projections catch up with the log");
    }

    static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(ServiceInBrowser.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServiceInBrowser.ScreenshotFolder, name), FullPage = true });
    }
}
