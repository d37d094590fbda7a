using System.Globalization;

namespace Xmmutablemap;

/// <summary>
/// One step of a <see cref="ModelPath"/>: a string key (<c>optimizer</c>, <c>["a.b"]</c>) or an integer
/// (<c>[3]</c>), which is a list index or an integer map key, as the container decides.
/// </summary>
public readonly record struct PathSegment
{
    private PathSegment(string? key, long integer)
    {
        Key = key;
        Integer = integer;
    }

    /// <summary>The string key, or null when the segment is an integer.</summary>
    public string? Key { get; }

    /// <summary>The integer (a list index or an integer key) when <see cref="Key"/> is null.</summary>
    public long Integer { get; }

    /// <summary>Whether the segment is a string key.</summary>
    public bool IsKey => Key is not null;

    /// <summary>A string-key segment.</summary>
    public static PathSegment OfKey(string key) => new(key ?? throw new ArgumentNullException(nameof(key)), 0);

    /// <summary>An integer segment: a list index or an integer map key.</summary>
    public static PathSegment OfInteger(long integer) => new(null, integer);

    /// <summary>The segment as a map key: the string, or the integer as a <see cref="long"/>.</summary>
    public object AsKey() => Key ?? (object)Integer;

    /// <summary>The segment as <see cref="ModelPath"/> writes it after a parent: <c>.name</c>, <c>["a.b"]</c> or <c>[3]</c>.</summary>
    public override string ToString() => Key is null ? "[" + Integer.ToString(CultureInfo.InvariantCulture) + "]" : ModelPath.Key("_", Key)[1..];
}
