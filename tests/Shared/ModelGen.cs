using System.Collections.Immutable;
using CsCheck;
using Xmmutablemap;

namespace Xmmutablemap.Testing;

/// <summary>Random model values for property tests: every kind, header-boundary sizes and the key-order traps.</summary>
internal static class ModelGen
{
    // Pieces chosen to hit the ordering traps: U+E000..U+FFFF against astral characters, prefixes, quotes.
    private static readonly Gen<string> Piece = Gen.OneOfConst("a", "b", "z", "A", "_", "0", " ", ".", "\"", "\\", "é", "\u00ff", "\uE000", "\uFFFD", "\U0001F600", "\U00010000", "ñ", "\n");

    public static readonly Gen<string> Text = Piece.Array[0, 6].Select(pieces => string.Concat(pieces));

    public static readonly Gen<string> Key = Gen.Frequency(
        (4, Gen.OneOfConst("lr", "model", "optimizer", "layers", "seed", "a", "b", "")),
        (3, Text));

    public static readonly Gen<object?> Integer = Gen.Frequency(
        (4, Gen.Int[-200, 200].Select(i => (object?)(long)i)),
        (2, Gen.OneOfConst(127L, 128L, 255L, 256L, 65535L, 65536L, -32L, -33L, -128L, -129L, -32768L, -32769L, int.MinValue, long.MinValue, long.MaxValue).Select(i => (object?)i)),
        (2, Gen.Long.Select(i => (object?)i)),
        (1, Gen.OneOfConst(ulong.MaxValue, (ulong)long.MaxValue + 1).Select(u => (object?)u)));

    public static readonly Gen<object?> Float = Gen.Frequency(
        (4, Gen.Double.Select(d => (object?)d)),
        (2, Gen.OneOfConst(0.0, -0.0, 1.0, 0.1, 3e-4, 1e20, 5e-324, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity).Select(d => (object?)d)));

    public static readonly Gen<object?> Bytes = Gen.Frequency(
        (4, Gen.Byte.Array[0, 8]),
        (1, Gen.OneOfConst(255, 256).Select(n => new byte[n])))
        .Select(b => (object?)ImmutableArray.Create(b));

    public static readonly Gen<object?> LongText = Gen.OneOfConst(31, 32, 255, 256).Select(n => (object?)new string('x', n));

    /// <summary>Any scalar, including the ones JSON cannot carry (NaN, bytes, ...).</summary>
    public static readonly Gen<object?> Scalar = Gen.Frequency(
        (1, Gen.Const(0).Select(_ => (object?)null)),
        (1, Gen.Bool.Select(b => (object?)b)),
        (4, Integer),
        (3, Float),
        (3, Text.Select(s => (object?)s)),
        (1, LongText),
        (1, Bytes));

    /// <summary>A random value: scalars, lists and string- or integer-keyed maps, up to depth 3.</summary>
    public static readonly Gen<object?> Value = Gen.Recursive<object?>((depth, self) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (1, self.Array[0, 17].Select(items => (object?)ImmutableArray.Create(items))),
            (1, Map(self).Select(m => (object?)m)),
            (1, IntegerKeyedMap(self).Select(m => (object?)m))));

    public static Gen<ImmutableMap<string, object?>> Map(Gen<object?> values) =>
        Gen.Select(Key, values).Array[0, 17].Select(pairs => pairs.Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToImmutableMap());

    public static Gen<ImmutableMap<long, object?>> IntegerKeyedMap(Gen<object?> values) =>
        Gen.Select(Gen.Long[-300, 300], values).Array[0, 5].Select(pairs => pairs.Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToImmutableMap());

    /// <summary>A random top-level document: a string-keyed map of random values.</summary>
    public static readonly Gen<ImmutableMap<string, object?>> Document = Map(Value);

    /// <summary>Pairs with likely duplicate keys, to exercise last-wins and ordering.</summary>
    public static readonly Gen<KeyValuePair<string, object?>[]> Pairs =
        Gen.Select(Gen.OneOf(Key, Gen.OneOfConst("a", "b", "c")), Scalar).Array[0, 20].Select(ps => ps.Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToArray());
}
