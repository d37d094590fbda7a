using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Works around a YamlDotNet 18.1 scanner bug that refuses valid YAML PyYAML writes. In a flow collection,
/// when the <c>:</c> of an entry starts a new line (<c>{? long key\n  : value}</c>, PyYAML's form for keys
/// over 128 characters), the scanner emits a spurious <c>Key, Scalar("")</c> pair before <c>Value</c>, and
/// the parser then fails. A key node that is already complete is never followed by another <c>Key</c> in a
/// valid token stream, so the pair is dropped there and nowhere else.
/// </summary>
internal sealed class FlowKeyScanner(IScanner inner) : IScanner
{
    private readonly Queue<Token> _lookahead = new();
    private Token? _previous;
    private int _flowLevel;

    public Mark CurrentPosition => inner.CurrentPosition;

    public Token? Current { get; private set; }

    public bool MoveNext()
    {
        if (Current is not null) ConsumeCurrent();
        return MoveNextWithoutConsuming();
    }

    // As YamlDotNet's Scanner does: always advances, whether or not the current token was consumed.
    public bool MoveNextWithoutConsuming()
    {
        Current = Next();
        return Current is not null;
    }

    public void ConsumeCurrent() => Current = null;

    private Token? Next()
    {
        var token = Take();
        if (token is Key && _flowLevel > 0 && EndsNode(_previous))
        {
            var empty = Take();
            if (empty is Scalar { Value.Length: 0, Style: ScalarStyle.Plain })
            {
                var value = Take();
                if (value is Value)
                {
                    token = value; // drop the spurious Key and empty Scalar
                }
                else
                {
                    PushBack(empty, value);
                }
            }
            else
            {
                PushBack(empty);
            }
        }
        switch (token)
        {
            case FlowMappingStart or FlowSequenceStart: _flowLevel++; break;
            case FlowMappingEnd or FlowSequenceEnd: _flowLevel--; break;
        }
        _previous = token;
        return token;
    }

    // The tokens that close a node: after one, a valid stream has a Value, an entry separator or a closing bracket.
    private static bool EndsNode(Token? token) => token is Scalar or AnchorAlias or FlowMappingEnd or FlowSequenceEnd;

    private Token? Take()
    {
        if (_lookahead.Count > 0) return _lookahead.Dequeue();
        return inner.MoveNext() ? inner.Current : null;
    }

    private void PushBack(params Token?[] tokens)
    {
        // Lookahead taken after these must stay behind them.
        var rest = _lookahead.ToArray();
        _lookahead.Clear();
        foreach (var token in tokens)
        {
            if (token is not null) _lookahead.Enqueue(token);
        }
        foreach (var token in rest) _lookahead.Enqueue(token);
    }
}
