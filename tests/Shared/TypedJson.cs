using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Xmmutablemap;

namespace Xmmutablemap.Testing;

/// <summary>Reads the typed JSON form of schemas/canonical-encoding.md section 4 into model values.</summary>
internal static class TypedJson
{
    public static object? Read(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null: return null;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
        }
        int repeat = e.TryGetProperty("repeat", out var r) ? r.GetInt32() : 1;
        if (e.TryGetProperty("int", out var i))
        {
            var n = BigInteger.Parse(i.GetString()!, CultureInfo.InvariantCulture);
            return n > long.MaxValue ? (object)(ulong)n : (long)n;
        }
        if (e.TryGetProperty("float", out var f))
        {
            return f.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var text => double.Parse(text!, CultureInfo.InvariantCulture),
            };
        }
        if (e.TryGetProperty("float_bits", out var bits))
            return BitConverter.UInt64BitsToDouble(BinaryPrimitives.ReadUInt64BigEndian(Convert.FromHexString(bits.GetString()!)));
        if (e.TryGetProperty("str", out var s)) return string.Concat(Enumerable.Repeat(s.GetString()!, repeat));
        if (e.TryGetProperty("bytes", out var b))
        {
            var one = Convert.FromHexString(b.GetString()!);
            return Enumerable.Repeat(one, repeat).SelectMany(x => x).ToImmutableArray();
        }
        if (e.TryGetProperty("list", out var l)) return l.EnumerateArray().Select(Read).ToImmutableArray();
        if (e.TryGetProperty("map", out var m))
        {
            var pairs = m.EnumerateArray().Select(p => (Key: Read(p[0]), Value: Read(p[1]))).ToList();
            if (pairs.Count > 0 && pairs[0].Key is not string)
                return ImmutableMap.CreateRange(pairs.Select(p => KeyValuePair.Create((long)p.Key!, p.Value)));
            return ImmutableMap.CreateRange(pairs.Select(p => KeyValuePair.Create((string)p.Key!, p.Value)));
        }
        throw new FormatException("Unknown typed value: " + e.GetRawText());
    }
}
