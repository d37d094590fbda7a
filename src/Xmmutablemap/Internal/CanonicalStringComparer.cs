namespace Xmmutablemap.Internal;

/// <summary>
/// Orders strings by Unicode code point, which is the order of their UTF-8 bytes.
/// Ordinal UTF-16 order differs only where a surrogate (a code point above U+FFFF)
/// meets a char in U+E000..U+FFFF, so only that case needs a fix-up.
/// </summary>
internal sealed class CanonicalStringComparer : IComparer<string>
{
    public static readonly CanonicalStringComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return Compare(x.AsSpan(), y.AsSpan());
    }

    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        // Most keys differ in their first char, and below U+D800 char order is code point order.
        if (x.Length > 0 && y.Length > 0 && x[0] != y[0] && (x[0] | y[0]) < 0xD800) return x[0] - y[0];
        int common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length) return x.Length - y.Length;
        return CodePointRank(x[common]) - CodePointRank(y[common]);
    }

    // Surrogates (D800..DFFF) stand for code points above FFFF, so they must sort after E000..FFFF.
    private static int CodePointRank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
