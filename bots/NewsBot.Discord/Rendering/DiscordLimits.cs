namespace NewsBot.Discord.Rendering;

/// <summary>Discord's documented message and embed limits (characters).</summary>
public static class DiscordLimits
{
    public const int Content = 2000;
    public const int EmbedsPerMessage = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int FooterText = 2048;
    /// <summary>All titles, descriptions, field names and values and footers of one message's embeds together.</summary>
    public const int EmbedsTotal = 6000;
    public const int ThreadName = 100;
    public const int CustomId = 100;
}
