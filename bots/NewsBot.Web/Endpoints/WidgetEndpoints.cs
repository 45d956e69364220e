using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace NewsBot.Web.Endpoints;

/// <summary>
/// <c>GET /widget.js</c> (the chat widget a site embeds with one script tag) and <c>GET /</c> (a demo page embedding
/// it). Both are embedded in the assembly and compressed once at start, so serving them costs nothing.
/// </summary>
public static class WidgetEndpoints
{
    // The demo page runs no inline script; the widget's styles live in its shadow root's <style>.
    private const string DemoPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
                                    + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void MapWidgetEndpoints(this IEndpointRouteBuilder app)
    {
        var widget = Asset.Load("wwwroot/widget.js", "text/javascript; charset=utf-8");
        var demo = Asset.Load("wwwroot/index.html", "text/html; charset=utf-8");
        app.MapGet("/widget.js", (HttpContext context) => widget.Serve(context, h =>
        {
            // Sites embed it from here: let any page load it, and pick up a new version within minutes.
            h.CacheControl = "public, max-age=300";
            h["Cross-Origin-Resource-Policy"] = "cross-origin";
        })).ExcludeFromDescription();
        app.MapGet("/", (HttpContext context) => demo.Serve(context, h =>
        {
            h.CacheControl = "no-cache";
            h.ContentSecurityPolicy = DemoPolicy;
        })).ExcludeFromDescription();
    }

    private sealed record Asset(byte[] Plain, byte[] Gzip, byte[] Brotli, string ContentType, string ETag)
    {
        public static Asset Load(string name, string contentType)
        {
            using var stream = typeof(WidgetEndpoints).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded resource {name} is missing; rebuild bots/NewsBot.Web.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var plain = buffer.ToArray();
            return new Asset(plain, Compress(plain, s => new GZipStream(s, CompressionLevel.SmallestSize)),
                Compress(plain, s => new BrotliStream(s, CompressionLevel.SmallestSize)), contentType,
                $"\"{Convert.ToHexStringLower(SHA256.HashData(plain))[..16]}\"");
        }

        private static byte[] Compress(byte[] data, Func<Stream, Stream> compressor)
        {
            using var output = new MemoryStream();
            using (var stream = compressor(output)) stream.Write(data);
            return output.ToArray();
        }

        public IResult Serve(HttpContext context, Action<IHeaderDictionary> headers)
        {
            var response = context.Response;
            headers(response.Headers);
            response.Headers.ETag = ETag;
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            if (context.Request.Headers.IfNoneMatch.Contains(ETag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            var accepts = context.Request.Headers.AcceptEncoding.ToString();
            var (body, encoding) = accepts.Contains("br", StringComparison.OrdinalIgnoreCase) ? (Brotli, "br")
                : accepts.Contains("gzip", StringComparison.OrdinalIgnoreCase) ? (Gzip, "gzip")
                : (Plain, null);
            if (encoding is not null) response.Headers.ContentEncoding = encoding;
            return TypedResults.Bytes(body, ContentType);
        }
    }
}
