using System.Net;
using System.Net.Sockets;

namespace NewsBot.Embeddings.Tests.Models;

/// <summary>A real HTTP server on a loopback port serving fixed bytes by path; any other path is a 404.</summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly Task _loop;
    private int _requests;

    public LocalFileServer(IReadOnlyDictionary<string, byte[]> files)
    {
        _files = files;
        BaseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }
    public int Requests => Volatile.Read(ref _requests);

    public Uri Url(string path) => new(BaseUri, path);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref _requests);
            using var response = context.Response;
            if (_files.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out var bytes))
            {
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
            }
            else response.StatusCode = 404;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_listener.IsListening) return;
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
