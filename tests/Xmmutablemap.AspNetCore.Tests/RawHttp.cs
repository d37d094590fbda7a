using System.Net.Sockets;
using System.Text;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>HTTP/1.1 written by hand on a socket, for requests HttpClient will not send: a Content-Length that
/// lies, a chunked body that goes on past the limit.</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line) and then the body
    /// pieces, tolerating the server closing the connection mid-upload; returns the status code and the first
    /// response's text.</summary>
    public static async Task<(int Status, string Response)> SendAsync(Uri server, string head, IEnumerable<byte[]> body, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.Host, server.Port, cts.Token);
        var stream = socket.GetStream();
        var reading = ReadResponseAsync(stream, cts.Token);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "\r\n\r\n"), cts.Token);
            foreach (var piece in body)
            {
                if (reading.IsCompleted) break; // answered already: stop uploading, as a real client would
                await stream.WriteAsync(piece, cts.Token);
            }
        }
        catch (IOException)
        {
            // The server answered and closed the connection before the whole body was sent.
        }
        string response = await reading;
        int status = int.Parse(response.AsSpan(9, 3));
        return (status, response);
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                break;
            }
            if (read == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            string s = text.ToString();
            int end = s.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            // Complete once the body promised by Content-Length (or a zero-length one) has arrived.
            var length = System.Text.RegularExpressions.Regex.Match(s[..end], @"(?im)^content-length:\s*(\d+)");
            if (length.Success && s.Length - end - 4 >= int.Parse(length.Groups[1].Value)) break;
            if (s.Contains("\r\n0\r\n\r\n", StringComparison.Ordinal)) break; // a chunked response ended
        }
        return text.ToString();
    }

    public static IEnumerable<byte[]> Chunked(int chunkSize, int chunks)
    {
        byte[] data = Encoding.ASCII.GetBytes(new string(' ', chunkSize));
        byte[] header = Encoding.ASCII.GetBytes(chunkSize.ToString("x") + "\r\n");
        byte[] piece = [.. header, .. data, .. "\r\n"u8];
        for (int i = 0; i < chunks; i++) yield return piece;
        yield return "0\r\n\r\n"u8.ToArray();
    }
}
