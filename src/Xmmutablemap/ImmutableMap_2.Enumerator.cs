using System.Collections;

namespace Xmmutablemap;

public sealed partial class ImmutableMap<TKey, TValue>
{
    /// <summary>Enumerates the entries in canonical key order without allocating.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        private readonly TKey[] _keys;
        private readonly TValue[] _values;
        private int _position;

        internal Enumerator(ImmutableMap<TKey, TValue> map)
        {
            _keys = map._keys;
            _values = map._values;
            _position = -1;
        }

        /// <summary>The entry at the current position.</summary>
        public readonly KeyValuePair<TKey, TValue> Current => new(_keys[_position], _values[_position]);

        readonly object IEnumerator.Current => Current;

        /// <summary>Advances to the next entry.</summary>
        public bool MoveNext() => ++_position < _keys.Length;

        /// <summary>Goes back to before the first entry.</summary>
        public void Reset() => _position = -1;

        /// <summary>Does nothing: the enumerator holds no resources.</summary>
        public readonly void Dispose() { }
    }
}
