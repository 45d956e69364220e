using NewsBot.Discord.Rest;

namespace NewsBot.Discord.Tests.Rest;

public sealed class RouteKeyTests
{
    [Fact]
    public void The_channel_is_kept_and_message_ids_are_replaced()
    {
        var one = RouteKey.For(HttpMethod.Patch, "/channels/123/messages/456");
        var other = RouteKey.For(HttpMethod.Patch, "/channels/123/messages/789");
        var elsewhere = RouteKey.For(HttpMethod.Patch, "/channels/999/messages/456");

        Assert.Equal("PATCH /channels/{channel_id}/messages/{id}", one.Route);
        Assert.Equal(one.Key, other.Key); // two messages of one channel: one limit
        Assert.NotEqual(one.Key, elsewhere.Key); // another channel: its own
        Assert.Equal(one.Route, elsewhere.Route);
    }

    [Fact]
    public void The_method_is_part_of_the_key()
    {
        Assert.NotEqual(RouteKey.For(HttpMethod.Post, "/channels/1/messages").Key, RouteKey.For(HttpMethod.Get, "/channels/1/messages").Key);
    }

    [Fact]
    public void Guilds_are_major_parameters_at_the_top_only()
    {
        Assert.Equal("PUT /applications/{id}/guilds/{id}/commands", RouteKey.For(HttpMethod.Put, "/applications/1/guilds/2/commands").Key);
        var guild = RouteKey.For(HttpMethod.Get, "/guilds/2/channels");
        Assert.Equal("GET /guilds/{guild_id}/channels", guild.Route);
        Assert.Contains("2", guild.Major);
    }

    [Fact]
    public void Webhook_and_interaction_routes_keep_their_token_in_the_key_but_not_in_what_is_logged()
    {
        var original = RouteKey.For(HttpMethod.Patch, "/webhooks/1100/secret-token/messages/@original");
        var callback = RouteKey.For(HttpMethod.Post, "/interactions/5000/secret-token/callback");

        Assert.Equal("PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original", original.ToString());
        Assert.Equal("POST /interactions/{interaction_id}/{interaction_token}/callback", callback.ToString());
        Assert.Contains("secret-token", original.Key);
        Assert.NotEqual(callback.Key, RouteKey.For(HttpMethod.Post, "/interactions/5001/other-token/callback").Key);
        Assert.True(original.IsWebhook);
        Assert.True(callback.IsWebhook);
    }

    [Theory]
    [InlineData("/gateway/bot")]
    [InlineData("/channels/1/messages")]
    [InlineData("/applications/1/commands")]
    [InlineData("/webhooks/1")]
    public void Bot_routes_are_not_webhook_routes(string path) => Assert.False(RouteKey.For(HttpMethod.Get, path).IsWebhook);
}
