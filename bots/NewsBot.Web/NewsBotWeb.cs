using NewsBot.Conversation;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Web.Contracts;
using NewsBot.Web.Endpoints;
using NewsBot.Web.Http;

namespace NewsBot.Web;

/// <summary>
/// The web adapter: NewsBot's HTTP API, the chat widget and its demo page, and what protects them (limits, rate
/// limiting, CORS, problem responses without internals). A host adds it with <see cref="AddNewsBotWeb"/> and
/// <see cref="UseNewsBotWeb"/>, and hands the backend to <see cref="BotReadiness"/> once the index has loaded.
/// </summary>
public static class NewsBotWeb
{
    public const string RateLimitPolicy = "per-client";
    public const string CorsPolicy = "widget";

    public static IServiceCollection AddNewsBotWeb(this IServiceCollection services, WebOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<BotReadiness>();
        services.AddRouting();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WebJsonContext.Default));
        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "NewsBot API";
            document.Info.Description = "Ask NewsBot about AI news and get answers with cited stories.";
            return Task.CompletedTask;
        }));
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(options.AllowedOrigins)
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "Accept")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => Bucket(options)));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
                return new ValueTask(Problems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"Too many questions from your address; try again in {seconds} s.", h => h.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .ExecuteAsync(rejected.HttpContext));
            };
        });
        if (options.BehindProxy)
            services.Configure<ForwardedHeadersOptions>(f => f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return services;
    }

    /// <param name="mapOtherAdapters">Endpoints of the host's other adapters (Teams' messaging endpoint), behind the same error handling.</param>
    public static IApplicationBuilder UseNewsBotWeb(this IApplicationBuilder app, Action<IEndpointRouteBuilder>? mapOtherAdapters = null)
    {
        var options = app.ApplicationServices.GetRequiredService<WebOptions>();
        if (options.BehindProxy) app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Kestrel's own rejections (a body over its limit, a malformed request) keep their 4xx; anything else is a
            // 500 that says nothing about the server's insides.
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapOpenApi("/openapi/{documentName}.json");
            endpoints.MapHealthEndpoint();
            endpoints.MapWidgetEndpoints();
            var api = endpoints.MapGroup("/api").RequireCors(CorsPolicy).RequireRateLimiting(RateLimitPolicy).WithTags("NewsBot");
            api.MapAskEndpoints();
            api.MapStoryEndpoints();
            api.MapFeedbackEndpoints();
            mapOtherAdapters?.Invoke(endpoints);
        });
        return app;
    }

    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : "unknown";

    /// <summary>Refills evenly: one permit every 60/N seconds, or N/60 permits a second when N ≥ 60.</summary>
    private static TokenBucketRateLimiterOptions Bucket(WebOptions options) => options.PermitsPerMinute >= 60
        ? new() { TokenLimit = options.Burst, TokensPerPeriod = options.PermitsPerMinute / 60, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true }
        : new() { TokenLimit = options.Burst, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / options.PermitsPerMinute), QueueLimit = 0, AutoReplenishment = true };
}
