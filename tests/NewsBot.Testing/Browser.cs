using Microsoft.Playwright;

namespace NewsBot.Testing;

/// <summary>
/// Headless Chromium from Debian's package (Playwright cannot download browsers here), driven by Playwright.
/// <c>./newsbot setup</c> installs it; <c>NEWSBOT_CHROMIUM</c> points elsewhere.
/// </summary>
public static class Browser
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("NEWSBOT_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium was not found at {ExecutablePath}. Run ./newsbot setup (it installs Debian's chromium), or set NEWSBOT_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox as root in CI; no background traffic, which this machine's closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>Where screenshots go: <c>artifacts/{area}/</c> at the repository root (not committed).</summary>
    public static string Artifact(string name, string area = "web")
    {
        var folder = Path.Combine(SharedData.RepoRoot, "artifacts", area);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
