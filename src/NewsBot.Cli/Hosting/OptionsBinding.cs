using Microsoft.Extensions.Configuration;

namespace NewsBot.Cli.Hosting;

/// <summary>
/// Binds one configuration section to its options class and checks it, so a bad value stops the program at start
/// with a message that names the key, instead of failing later somewhere else.
/// </summary>
public static class OptionsBinding
{
    public static T Bind<T>(IConfiguration configuration, string section, Func<T, IEnumerable<string>> validate) where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException([$"{section}: {e.Message} (from appsettings.json or {NewsBotConfiguration.EnvironmentPrefix}{section.ToUpperInvariant()}__…)"]);
        }
        var errors = validate(options).ToList();
        if (errors.Count > 0) throw new ConfigurationException(errors);
        return options;
    }
}

/// <summary>The configuration is invalid; each message names the key to fix.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:\n  " + string.Join("\n  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
