using Microsoft.Playwright;

namespace Orders.BrowserSpecs;

/// <summary>
/// The machine's own Chromium (Debian's <c>chromium</c> package), driven by Playwright. Playwright never downloads a
/// browser here: a spec that needs one is skipped, by name, when <see cref="ExecutablePath"/> is missing.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
            return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--headless"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Skips a spec, by name, on a machine without the system Chromium.</summary>
public sealed class BrowserFactAttribute : SkippableFactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled)
            Skip = $"No browser: {Chromium.ExecutablePath} is not installed (apt-get install chromium).";
    }
}
