using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orders.BrowserSpecs;

[Collection(ServiceInBrowserCollection.Name)]
public sealed class ApiDocsSpecs(ServiceInBrowser service)
{
    [BrowserFact]
    public async Task The_docs_page_renders_and_lists_every_orders_operation_by_its_summary()
    {
        var document = await service.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = (
            from path in document.GetProperty("paths").EnumerateObject()
            where path.Name.StartsWith("/api/v1/orders", StringComparison.Ordinal)
            from operation in path.Value.EnumerateObject()
            select (Method: operation.Name.ToUpperInvariant(), Path: path.Name,
                Label: operation.Value.TryGetProperty("summary", out var summary) ? summary.GetString()! : path.Name)).ToList();
        var page = await service.NewPageAsync();

        await page.GotoAsync("/docs");
        var sidebar = page.Locator("[data-sidebar-id]");
        await Expect(sidebar.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var collapsed = page.Locator("li[data-sidebar-id*='/tag/'] button[aria-expanded=false]");
        for (var opened = 0; await collapsed.CountAsync() > 0 && opened < 20; opened++)
            await collapsed.First.ClickAsync();

        Assert.Equal(9, operations.Count);
        foreach (var (method, path, label) in operations)
            await Expect(page.Locator($"li[data-sidebar-id$='/{method}{path}']").First).ToContainTextAsync(label);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToContainTextAsync(document.GetProperty("info").GetProperty("title").GetString()!);
        Directory.CreateDirectory(ServiceInBrowser.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServiceInBrowser.ScreenshotFolder, "api-docs.png") });
    }
}
