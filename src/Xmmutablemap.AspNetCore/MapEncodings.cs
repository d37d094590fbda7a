using System.Runtime.CompilerServices;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.AspNetCore;

/// <summary>
/// The encodings of a map already served, per format. A map is immutable, so its document in a format never changes:
/// a popular config (a registry entry, a service's settings) is encoded once per format, not once per request.
/// Held weakly beside the map, so a map that is collected takes its encodings with it, and a map never served costs
/// nothing.
/// </summary>
internal sealed class MapEncodings
{
    private static readonly ConditionalWeakTable<IImmutableMap, MapEncodings> Table = new();

    // Per format of MapMediaTypes.All: the bytes, or the refusal (NaN in JSON) to report again.
    private readonly object?[] _forms = new object?[MapMediaTypes.All.Count];
    private readonly DocumentLimits _limits;

    private MapEncodings(DocumentLimits limits) => _limits = limits;

    /// <summary>The document of <paramref name="map"/> in <paramref name="format"/>.</summary>
    /// <exception cref="MapFormatException">The format cannot carry the map.</exception>
    public static byte[] Encode(IImmutableMap map, IMapFormat format, DocumentLimits limits)
    {
        int index = IndexOf(format);
        var encodings = Table.GetValue(map, _ => new MapEncodings(limits));
        if (index < 0 || !encodings._limits.Equals(limits)) return format.WriteToArray(map, limits);

        switch (Volatile.Read(ref encodings._forms[index]))
        {
            case byte[] bytes: return bytes;
            case MapFormatException refusal: throw refusal;
        }
        try
        {
            byte[] bytes = format.WriteToArray(map, limits);
            Volatile.Write(ref encodings._forms[index], bytes);
            return bytes;
        }
        catch (MapFormatException e)
        {
            Volatile.Write(ref encodings._forms[index], e);
            throw;
        }
    }

    private static int IndexOf(IMapFormat format)
    {
        for (int i = 0; i < MapMediaTypes.All.Count; i++)
        {
            if (ReferenceEquals(MapMediaTypes.All[i].Format, format)) return i;
        }
        return -1;
    }
}
