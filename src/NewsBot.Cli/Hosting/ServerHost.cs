using NewsBot.Conversation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsBot.Discord;
using NewsBot.Qdrant.Http;
using NewsBot.Teams;
using NewsBot.Web;

namespace NewsBot.Cli.Hosting;

/// <summary>
/// <c>newsbot serve</c>'s host: Kestrel with the web, Teams and Discord adapters, listening at once, while <see cref="BackendLoader"/>
/// opens the index and warms the model in the background (<c>/healthz</c> says 503 until then). Tests build the
/// very same host through <see cref="CreateHostBuilder"/>.
/// </summary>
public static class ServerHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Every option the server reads, checked before it starts; throws <see cref="ConfigurationException"/> naming each bad key.</summary>
    public static (WebOptions Web, TeamsOptions Teams, DiscordOptions Discord) ValidateConfiguration(IConfiguration configuration)
    {
        NewsBotApp.ValidateConfiguration(configuration);
        var errors = new List<string>();
        var web = Bind<WebOptions>(configuration, WebOptions.Section, o => o.Validate(), errors);
        var teams = Bind<TeamsOptions>(configuration, TeamsOptions.Section, o => o.Validate(), errors);
        var discord = Bind<DiscordOptions>(configuration, DiscordOptions.Section, o => o.Validate(), errors);
        if (errors.Count > 0) throw new ConfigurationException(errors);
        return (web!, teams!, discord!);
    }

    private static T? Bind<T>(IConfiguration configuration, string section, Func<T, IEnumerable<string>> validate, List<string> errors) where T : class, new()
    {
        try { return OptionsBinding.Bind(configuration, section, validate); }
        catch (ConfigurationException e) { errors.AddRange(e.Errors); return null; }
    }

    public static IHostBuilder CreateHostBuilder(IConfiguration configuration, string? urls = null)
    {
        var (web, teams, discord) = ValidateConfiguration(configuration);
        return new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureAppConfiguration(builder => builder.AddConfiguration(configuration))
            .ConfigureLogging((context, logging) =>
            {
                logging.AddConfiguration(context.Configuration.GetSection("Logging"));
                logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; });
            })
            .ConfigureWebHost(host => host
                .UseKestrel(kestrel => kestrel.AddServerHeader = false)
                .UseUrls(urls ?? configuration["urls"] ?? DefaultUrls)
                .ConfigureServices(services =>
                {
                    services.AddNewsBotWeb(web);
                    services.AddNewsBotTeams(teams);
                    services.AddNewsBotDiscord(discord);
                    services.AddHostedService<BackendLoader>();
                })
                .Configure(app => app.UseNewsBotWeb(endpoints => endpoints.MapNewsBotTeams().MapNewsBotDiscord())));
    }
}

/// <summary>Opens NewsBot from configuration after the server has started, then hands it to the web adapter.</summary>
public sealed class BackendLoader(IConfiguration configuration, BotReadiness readiness, IHostApplicationLifetime lifetime, ILogger<BackendLoader> log, ILoggerFactory loggers)
    : BackgroundService
{
    private NewsBotApp? _app;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Load once the server is up: /healthz answers (503) meanwhile, and a failure stops a started host cleanly.
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => up.TrySetResult()))
        {
            try { await up.Task.WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            _app = await OpenAsync(stoppingToken);
            await _app.WarmUpAsync(stoppingToken);
            var stats = await _app.Index.GetStatsAsync(stoppingToken);
            readiness.Ready(new BotBackend(_app.Engine, _app.Feedback));
            log.LogInformation("Index loaded in {Seconds:F1} s: {Stories:N0} stories from {Documents:N0} documents, {Search} search, answers {Answers}. Ready.",
                started.Elapsed.TotalSeconds, stats.Stories, stats.Documents, _app.Engine.HasDenseArm ? "hybrid" : "keyword",
                _app.Engine.Generates ? "written by the language model (Llm)" : "quoted from the stories");
            if (stats.Stories == 0) log.LogWarning("The index is empty: every answer will be \"I don't know\". Run ./newsbot ingest PATH... to add documents.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ConfigurationException or System.Data.Common.DbException)
        {
            var reason = NewsBotApp.OpenFailure(e);
            readiness.Failed(reason);
            log.LogCritical("{Reason}", reason);
            Environment.ExitCode = 2;
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// Opens NewsBot; a Qdrant that is not up yet (a cluster starting beside this server) is waited for, with a
    /// warning every attempt, while /healthz answers 503.
    /// </summary>
    private async Task<NewsBotApp> OpenAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await NewsBotApp.CreateAsync(configuration, stoppingToken, loggers);
            }
            catch (QdrantUnavailableException e)
            {
                log.LogWarning("{Reason} Retrying in {Seconds} s.", e.Message, QdrantRetrySeconds);
                await Task.Delay(TimeSpan.FromSeconds(QdrantRetrySeconds), stoppingToken);
            }
        }
    }

    private const int QdrantRetrySeconds = 5;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_app is not null) await _app.DisposeAsync();
    }
}
