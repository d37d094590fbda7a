using Xmmutablemap.Documents;
using Xmmutablemap.Json;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.Fuzz;

/// <summary>
/// One fuzz target per reader: read the input; a <see cref="MapFormatException"/> is the expected way to
/// refuse it; anything else escapes and is a finding. An accepted document must re-encode through every
/// format that can carry it to the same content hash, or the target throws. JSON is also read through a 7-byte
/// window, as files are read a window at a time: it must give the same map or the same error.
/// </summary>
internal static class FuzzTarget
{
    public static void Run(string formatName, byte[] input)
    {
        var format = MapFormatRegistry.Default.GetByName(formatName);
        ImmutableMap<string, object?> map;
        try
        {
            map = format.Read(input);
        }
        catch (MapFormatException e)
        {
            if (formatName == "json") CheckWindow(input, e, null);
            return;
        }
        if (formatName == "json") CheckWindow(input, null, map);
        var hash = map.ContentHash;
        foreach (var other in MapFormatRegistry.Default.Formats)
        {
            byte[] bytes;
            try
            {
                bytes = other.WriteToArray(map);
            }
            catch (MapFormatException)
            {
                continue; // a value this format cannot carry (NaN in JSON, ...)
            }
            if (other.Read(bytes).ContentHash != hash)
                throw new InvalidOperationException($"{format.Name} -> {other.Name} changed the content hash");
        }
    }

    private static void CheckWindow(byte[] input, MapFormatException? wholeError, ImmutableMap<string, object?>? whole)
    {
        ImmutableMap<string, object?> streamed;
        try
        {
            streamed = JsonModelReader.ReadDocument(new MemoryStream(input), DocumentLimits.Default, bufferSize: 7);
        }
        catch (DocumentException e)
        {
            if (wholeError is null) throw new InvalidOperationException($"json: accepted whole, refused through a window: {e.Message}");
            if ((wholeError.Reason, wholeError.DocumentPath, wholeError.Line, wholeError.Column) != (e.Reason, e.Path, e.Position.Line, e.Position.Column))
                throw new InvalidOperationException($"json: whole '{wholeError.Message}', through a window '{e.Message}'");
            return;
        }
        if (wholeError is not null) throw new InvalidOperationException($"json: refused whole ({wholeError.Message}), accepted through a window");
        if (!streamed.Equals(whole)) throw new InvalidOperationException("json: a different map through a window");
    }
}
