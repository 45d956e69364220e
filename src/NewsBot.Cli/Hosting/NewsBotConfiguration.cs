using Microsoft.Extensions.Configuration;

namespace NewsBot.Cli.Hosting;

/// <summary>
/// The one configuration every host reads: appsettings.json (next to the binary, or in the working directory),
/// then user secrets, then environment variables <c>NEWSBOT__SECTION__KEY</c>, then command-line overrides.
/// </summary>
public static class NewsBotConfiguration
{
    public const string EnvironmentPrefix = "NEWSBOT__";

    public static IConfigurationRoot Build(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddUserSecrets(typeof(NewsBotConfiguration).Assembly, optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is { Count: > 0 }) builder.AddInMemoryCollection(overrides);
        return builder.Build();
    }
}
