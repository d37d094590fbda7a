using Xmmutablemap.Serialization;

namespace Xmmutablemap.Cli;

/// <summary>Reads a document named on the command line: a file, or <c>-</c> for standard input.</summary>
internal static class InputDocument
{
    public const string StandardInput = "-";

    /// <summary>The format of an input: <c>--from</c>, else the file extension, else (for stdin) a look at the first bytes.</summary>
    public static IMapFormat FormatOf(string path, string? from, byte[]? content = null)
    {
        if (from is not null) return Formats.Named(from);
        if (path != StandardInput)
        {
            return MapFormatRegistry.Default.TryGetByPath(path, out var format)
                ? format
                : throw new UsageException($"cannot tell the format of '{path}' from its extension; name it with --from json|yaml|msgpack|protobuf");
        }
        return Sniff(content ?? []);
    }

    /// <summary>Loads a document: a missing file is a <see cref="BadInputException"/>, bad content a <see cref="MapFormatException"/>, both naming the file.</summary>
    public static ImmutableMap<string, object?> Load(string path, string? from, CliConsole console)
    {
        // An unknown extension is a usage error even when the file is missing too.
        IMapFormat? known = path == StandardInput && from is null ? null : FormatOf(path, from);
        byte[] content;
        try
        {
            content = path == StandardInput ? ReadAll(console.Input) : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message;
            throw new BadInputException($"{path}: {reason}", e);
        }
        var format = known ?? FormatOf(path, from, content);
        try
        {
            return format.Read(content);
        }
        catch (MapFormatException e) when (known is null && format.Name == "yaml")
        {
            // Standard input that starts like neither JSON nor MessagePack was taken for YAML (protobuf has no
            // signature): say so, and how to name the format.
            string hint = $"{e.Reason} (standard input was read as {format.Name}; name its format with --from {string.Join("|", Formats.Names)})";
            throw new MapFormatException(e.Format, hint, e.DocumentPath, e.Line, e.Column, e.ByteOffset, path, e.InnerException);
        }
        catch (MapFormatException e)
        {
            throw e.WithFile(path);
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // MessagePack maps start with 0x80..0x8f, 0xde or 0xdf; JSON documents with '{'; anything else is
    // taken for YAML. Protobuf has no signature, so it needs --from.
    private static IMapFormat Sniff(byte[] content)
    {
        if (content.Length > 0 && (content[0] is >= 0x80 and <= 0x8f or 0xde or 0xdf)) return Formats.Named("msgpack");
        foreach (byte b in content)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return Formats.Named(b == (byte)'{' ? "json" : "yaml");
        }
        return Formats.Named("yaml");
    }
}
