using Xmmutablemap.Serialization;

namespace Xmmutablemap.Fuzz;

/// <summary>
/// One fuzz target per reader: read the input; a <see cref="MapFormatException"/> is the expected way to
/// refuse it; anything else escapes and is a finding. An accepted document must re-encode through every
/// format that can carry it to the same content hash, or the target throws.
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
        catch (MapFormatException)
        {
            return;
        }
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
}
