namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// Shared boxes for the values documents repeat most: booleans and small integers. Readers produce
/// <c>object</c> values, and boxing each <c>true</c> or <c>3</c> anew is a large share of their allocations.
/// Boxes are immutable, so sharing them is safe.
/// </summary>
internal static class Boxes
{
    private const long Min = -128, Max = 1023;
    private static readonly object[] Integers = Enumerable.Range((int)Min, (int)(Max - Min + 1)).Select(i => (object)(long)i).ToArray();

    public static readonly object True = true;
    public static readonly object False = false;

    public static object Bool(bool value) => value ? True : False;

    public static object Integer(long value) => value is >= Min and <= Max ? Integers[value - Min] : value;

    /// <summary>A model integer: <see cref="long"/>, or <see cref="ulong"/> above <see cref="long.MaxValue"/>.</summary>
    public static object Unsigned(ulong value) => value <= long.MaxValue ? Integer((long)value) : value;
}
