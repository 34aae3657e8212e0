using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Orders.EventStore;
using Orders.EventStore.Sqlite;
using Orders.Specs.Durability;

namespace Orders.BrowserSpecs;

/// <summary>
/// The built host as a process of its own on a free loopback port, with an admin key and a log of a few thousand
/// orders written before it starts (so that a rebuild takes long enough to be watched), and the system Chromium.
/// </summary>
public sealed class ServiceInBrowser : IAsyncLifetime
{
    public const string AdminKey = "browser-specs-admin-key";
    public const int SeededOrders = 5_000;

    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-browser-specs-" + Guid.NewGuid().ToString("N"));
    readonly Chromium _chromium = new();
    HostProcess? _host;

    public Uri Address => _host!.Address;

    public HttpClient Http { get; private set; } = null!;

    string EventLogPath => Path.Combine(_folder, "orders.db");

    /// <summary>Where the specs keep their screenshots, beside the test assembly.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
            return;
        await SeedAsync();
        _host = await HostProcess.StartAsync(EventLogPath, new Dictionary<string, string> { ["Orders__Admin__ApiKey"] = AdminKey });
        Http = new HttpClient { BaseAddress = _host.Address };
        Http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        await _chromium.InitializeAsync();
    }

    readonly ConditionalWeakTable<IPage, ConcurrentQueue<string>> _errors = new();

    /// <summary>The script errors and console errors (a refused Content-Security-Policy, say) of a page.</summary>
    public IReadOnlyCollection<string> ErrorsOf(IPage page) => _errors.GetOrCreateValue(page);

    /// <summary>A page of its own, of a laptop's size, that records its script and console errors.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = ColorScheme.Light,
        });
        var page = await context.NewPageAsync();
        var pageErrors = _errors.GetOrCreateValue(page);
        page.PageError += (_, error) => pageErrors.Enqueue(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                pageErrors.Enqueue(message.Text);
        };
        return page;
    }

    /// <summary>Opens the operator page and gives it the key, as an operator would.</summary>
    public async Task<IPage> OpenOperatorPageAsync(string key = AdminKey)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/admin");
        await page.GetByLabel("Admin key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        return page;
    }

    public async Task<Guid> CreateOrderAsync(string title = "Woolly jumper")
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/orders", new
        {
            shopItems = new[] { new { id = "sku-1", title, description = "Lambswool, crew neck", quantity = 1, price = 49.5m } },
            accountEmail = "alice@example.com",
            deliveryAddress = "1 Main St, Springfield",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
    }

    public async Task<JsonElement> StatusAsync() => await Http.GetFromJsonAsync<JsonElement>("/admin/projections");

    public async Task<JsonElement> ProjectionAsync(string name) =>
        (await StatusAsync()).GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    /// <summary>Appends events straight to the log the host reads, as another writer (or an older version) might.</summary>
    public async Task AppendAsync(string streamId, long expectedVersion, params (string Type, string Data)[] events)
    {
        await using var log = new SqliteEventStore(EventLogPath, TimeProvider.System);
        var result = await log.AppendAsync(streamId, ExpectedVersion.Exactly(expectedVersion),
            events.Select(e => new EventData(Guid.NewGuid(), e.Type, Encoding.UTF8.GetBytes(e.Data), Encoding.UTF8.GetBytes("{}"))).ToList());
        Assert.IsType<AppendResult.Appended>(result);
    }

    /// <summary>The last position of the log, read as the host reads it.</summary>
    public async Task<ulong> HeadAsync()
    {
        await using var log = new SqliteEventStore(EventLogPath, TimeProvider.System);
        LogPosition? after = null;
        while (true)
        {
            var page = await log.ReadAllAsync(after, 10_000, "order-");
            if (page.Count == 0)
                return after?.Commit ?? 0;
            after = page[^1].Position;
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds, for up to 30 s.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 30 s: {what}");
            await Task.Delay(50);
        }
    }

    async Task SeedAsync()
    {
        await using var log = new SqliteEventStore(EventLogPath, TimeProvider.System);
        var created = """{"shopItems":[{"id":"sku-1","title":"Linen shirt","description":"Seeded","quantity":2,"price":25.5}],"accountEmail":"seed@example.com","deliveryAddress":"2 Elm St"}""";
        var paid = """{"paymentID":"pay-1","timestamp":"2026-01-01T10:00:00Z"}""";
        var events = new (string, string)[] { ("V1_ORDER_CREATED", created), ("V1_ORDER_PAID", paid), ("V1_ORDER_SUBMITTED", ""), ("V1_ORDER_COMPLETED", """{"deliveryTimestamp":"2026-01-02T10:00:00Z"}""") };
        await Parallel.ForEachAsync(Enumerable.Range(0, SeededOrders), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, ct) =>
        {
            var result = await log.AppendAsync($"order-{Guid.NewGuid()}", ExpectedVersion.NoStream,
                events.Select(e => new EventData(Guid.NewGuid(), e.Item1, Encoding.UTF8.GetBytes(e.Item2), Encoding.UTF8.GetBytes("{}"))).ToList(), ct);
            Assert.IsType<AppendResult.Appended>(result);
        });
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        await _chromium.DisposeAsync();
        if (_host is not null)
            await _host.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceInBrowserCollection : ICollectionFixture<ServiceInBrowser>
{
    public const string Name = "the service in a browser";
}
