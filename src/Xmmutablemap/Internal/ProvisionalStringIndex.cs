namespace Xmmutablemap.Internal;

/// <summary>
/// A string map's first index: built without analysing the keys (length buckets for small sets, else a hash
/// of whole keys), so that a map looked up a few times (a config bound once, a record read field by field)
/// never pays for the analysis. It counts its lookups, and once they reach about 32 per key, roughly when
/// the analysed index's faster lookups would have repaid its cost, it builds the analysed index and puts it
/// in the map's field in its place, so later lookups do not pass through here. Maps sharing this index (same
/// key set) share the analysed one too.
/// </summary>
internal sealed class ProvisionalStringIndex : KeyIndex<string>
{
    private const int LookupsPerKey = 32;
    private const int MinimumLookups = 256;

    private readonly KeyIndex<string> _quick;
    private readonly int _lookupsBeforeAnalysis;
    private int _lookups;          // counted without synchronisation: a lost count only delays the analysis
    private KeyIndex<string>? _analysed;

    public ProvisionalStringIndex(string[] keys) : base(keys)
    {
        _quick = (KeyIndex<string>?)StringLengthBucketIndex.TryCreate(keys) ?? StringHashIndex.BuildOnFullKeys(keys);
        _lookupsBeforeAnalysis = (int)Math.Min(int.MaxValue / 2, (long)LookupsPerKey * keys.Length + MinimumLookups);
    }

    /// <summary>The index lookups use until the analysis (for tests).</summary>
    internal KeyIndex<string> Quick => _quick;

    /// <summary>The analysed index, built on first use and shared by every map holding this one.</summary>
    internal KeyIndex<string> Analysed
    {
        get
        {
            var analysed = _analysed;
            if (analysed is null)
            {
                analysed = CreateAnalysed(Keys);
                Volatile.Write(ref _analysed, analysed);
            }
            return analysed;
        }
    }

    public override int IndexOf(string key, ref KeyIndex<string>? holder)
    {
        if (++_lookups <= _lookupsBeforeAnalysis) return _quick.IndexOf(key, ref holder);
        var analysed = Analysed;
        Volatile.Write(ref holder, analysed);
        return analysed.IndexOf(key, ref holder);
    }
}
