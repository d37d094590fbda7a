namespace Xmmutablemap.Internal;

/// <summary>Implemented by maps so the canonical writer can encode them without boxing each entry.</summary>
internal interface ICanonicalEncodable
{
    void WriteCanonical(CanonicalWriter writer);
}
