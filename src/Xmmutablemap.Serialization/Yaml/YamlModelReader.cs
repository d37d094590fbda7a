using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Reads YAML into model values by walking YamlDotNet's parser events (never <c>YamlStream</c>, which has
/// no depth limit). It resolves plain scalars by the YAML 1.2 core schema, rejects duplicate keys, unknown
/// tags and excess depth, and expands aliases by reference while counting every value they stand for,
/// so a "billion laughs" document fails fast and a self-referencing alias is an error.
/// </summary>
internal sealed class YamlModelReader
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    private readonly IParser _parser;
    private readonly MapReaderOptions _options;
    private readonly DocumentPath _path = new();
    private readonly Dictionary<string, (object? Value, long Size)> _anchors = new(StringComparer.Ordinal);
    private long _values;

    public YamlModelReader(IParser parser, MapReaderOptions options)
    {
        _parser = parser;
        _options = options;
    }

    /// <summary>Reads a whole stream that must hold exactly one document whose top level is a string-keyed map.</summary>
    public static ImmutableMap<string, object?> ReadDocument(string text, MapReaderOptions options)
    {
        var parser = new Parser(new StringReader(text));
        var reader = new YamlModelReader(parser, options);
        return reader.Guard(() =>
        {
            reader.Expect<StreamStart>("the start of the stream");
            if (reader.Current is StreamEnd) throw reader.Error("the document is empty");
            reader.Expect<DocumentStart>("a document");
            if (reader.Current is not MappingStart) throw reader.Error("the top level must be a mapping");
            var value = reader.ReadNode();
            if (value is not ImmutableMap<string, object?> map) throw reader.Error("the top level must be a mapping with string keys");
            reader.Expect<DocumentEnd>("the end of the document");
            if (reader.Current is DocumentStart) throw reader.Error("the stream holds more than one document");
            if (reader.Current is not StreamEnd) throw reader.Error("there is more data after the document");
            return map;
        });
    }

    /// <summary>Reads the node at the parser's current event (for the type converter, where YamlDotNet has already started the stream).</summary>
    public object? ReadValueAtCurrent() => Guard(ReadNode);

    private ParsingEvent Current => _parser.Current ?? throw Error("the document ends too early");

    private T Guard<T>(Func<T> read)
    {
        try
        {
            if (_parser.Current is null) MoveNext();
            return read();
        }
        catch (YamlException e) when (e is not DocumentYamlException)
        {
            throw new DocumentError(e.Message, _path.ToString(), e.Start.Line, e.Start.Column, null, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet 18.1's scanner throws this on some malformed plain scalars: still bad input, not our bug.
            var mark = _parser.Current?.End ?? Mark.Empty;
            throw new DocumentError("the YAML is malformed near here", _path.ToString(), mark.Line, mark.Column, null, new YamlException(mark, mark, e.Message, e));
        }
    }

    private void MoveNext()
    {
        if (!_parser.MoveNext()) throw Error("the document ends too early");
    }

    private void Expect<T>(string what) where T : ParsingEvent
    {
        if (Current is not T) throw Error($"expected {what}, found {Describe(Current)}");
        _parser.MoveNext();
    }

    /// <summary>Reads one node and leaves the parser on the event after it.</summary>
    private object? ReadNode()
    {
        var (value, _) = ReadSizedNode();
        return value;
    }

    private (object? Value, long Size) ReadSizedNode()
    {
        var start = Current;
        switch (start)
        {
            case AnchorAlias alias:
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    throw Error($"the alias *{alias.Value.Value} refers to no complete anchor (an unknown anchor, or one that contains this alias)");
                Count(anchored.Size);
                MoveNext();
                return anchored;
            }
            case Scalar scalar:
            {
                Count(1);
                var value = ResolveScalar(scalar);
                MoveNext();
                return Remember(scalar, (value, 1));
            }
            case SequenceStart sequence:
            {
                CheckCollectionTag(sequence.Tag, "seq");
                EnterCollection();
                Count(1);
                MoveNext();
                var items = Scratch.RentList();
                long size = 1;
                _path.PushIndex(0);
                while (Current is not SequenceEnd)
                {
                    _path.SetIndex(items.Count);
                    var (item, itemSize) = ReadSizedNode();
                    items.Add(item);
                    size += itemSize;
                }
                _path.Pop();
                MoveNext();
                return Remember(sequence, (Scratch.ToImmutableAndReturn(items), size));
            }
            case MappingStart mapping:
            {
                CheckCollectionTag(mapping.Tag, "map");
                EnterCollection();
                Count(1);
                MoveNext();
                var map = Scratch.RentMap();
                long size = 1;
                while (Current is not MappingEnd)
                {
                    var keyEvent = Current;
                    var key = ReadKey();
                    _path.PushKey(key);
                    var (value, valueSize) = ReadSizedNode();
                    string? problem = map.TryAdd(key, value, Pack(keyEvent.Start));
                    if (problem is not null) throw Error(problem, keyEvent);
                    _path.Pop();
                    size += valueSize + 1;
                }
                var result = map.TryToMap(out var duplicate, out long at);
                Scratch.Return(map);
                if (result is null)
                {
                    _path.PushKey(duplicate!);
                    var mark = new Mark(0, at >> 32, at & 0xffffffff);
                    throw new DocumentYamlException(mark, new DocumentError(ModelMapBuilder.DuplicateMessage(duplicate!), _path.ToString(), mark.Line, mark.Column));
                }
                MoveNext();
                return Remember(mapping, (result, size));
            }
            default:
                throw Error($"unexpected {Describe(start)}");
        }
    }

    private object ReadKey()
    {
        var keyEvent = Current;
        if (keyEvent is not Scalar and not AnchorAlias) throw Error("a mapping key must be a string or an integer, not a collection");
        var (key, _) = ReadSizedNode();
        return key switch
        {
            string or long => key,
            ulong u => throw Error($"the integer key {u} is above {long.MaxValue}, the largest integer key this library reads", keyEvent),
            _ => throw Error($"a mapping key must be a string or an integer, not {ModelValue.Format(key)}", keyEvent),
        };
    }

    private object? ResolveScalar(Scalar scalar)
    {
        var (kind, value, error) = (YamlScalarResolver.Kind.String, (object?)scalar.Value, (string?)null);
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            string tag = scalar.Tag.Value;
            (kind, value, error) = tag switch
            {
                TagPrefix + "str" => (YamlScalarResolver.Kind.String, scalar.Value, null),
                TagPrefix + "int" => YamlScalarResolver.ResolveInt(scalar.Value),
                TagPrefix + "float" => YamlScalarResolver.ResolveFloat(scalar.Value),
                TagPrefix + "bool" => YamlScalarResolver.ResolvePlain(scalar.Value) is { Kind: YamlScalarResolver.Kind.Bool } b ? b : (kind, null, $"{ModelValue.Format(scalar.Value)} is not a boolean"),
                TagPrefix + "null" => YamlScalarResolver.ResolvePlain(scalar.Value) is { Kind: YamlScalarResolver.Kind.Null } n ? n : (kind, null, $"{ModelValue.Format(scalar.Value)} is not null"),
                TagPrefix + "binary" => Binary(scalar.Value),
                _ => (kind, null, $"the tag {tag} is not supported (only the YAML core tags and !!binary are)"),
            };
        }
        else if (scalar.Tag.IsEmpty && scalar.Style == ScalarStyle.Plain)
        {
            (kind, value, error) = YamlScalarResolver.ResolvePlain(scalar.Value);
        }
        if (error is not null) throw Error(error, scalar);
        if (value is string s && Internal.UnicodeText.HasLoneSurrogate(s)) throw Error("the string is not valid Unicode (a lone surrogate)", scalar);
        return value;
    }

    private static (YamlScalarResolver.Kind, object?, string?) Binary(string text)
    {
        try
        {
            string compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
            return (YamlScalarResolver.Kind.String, ImmutableArray.Create(Convert.FromBase64String(compact)), null);
        }
        catch (FormatException)
        {
            return (YamlScalarResolver.Kind.String, null, "the !!binary value is not valid base64");
        }
    }

    private void CheckCollectionTag(TagName tag, string expected)
    {
        if (tag.IsEmpty || tag.IsNonSpecific || tag.Value == TagPrefix + expected) return;
        throw Error($"the tag {tag.Value} is not supported (only the YAML core tags and !!binary are)");
    }

    private void EnterCollection()
    {
        if (_path.Depth + 1 > _options.MaxDepth) throw Error($"nesting is deeper than the limit of {_options.MaxDepth}");
    }

    private void Count(long values)
    {
        _values += values;
        if (_values > _options.MaxValues)
            throw Error($"the document holds more than {_options.MaxValues} values once aliases are expanded (an alias bomb?)");
    }

    private (object? Value, long Size) Remember(NodeEvent node, (object? Value, long Size) result)
    {
        // Registered only once the node is complete, so an alias inside its own anchor finds nothing.
        if (!node.Anchor.IsEmpty) _anchors[node.Anchor.Value] = result;
        return result;
    }

    private DocumentYamlException Error(string reason, ParsingEvent? at = null)
    {
        var mark = (at ?? _parser.Current)?.Start ?? Mark.Empty;
        return new DocumentYamlException(mark, new DocumentError(reason, _path.ToString(), mark.Line, mark.Column));
    }

    // Line and column of a key, in the one number the map builder keeps per entry.
    private static long Pack(Mark mark) => (mark.Line << 32) | (uint)mark.Column;

    private static string Describe(ParsingEvent e) => e switch
    {
        MappingStart => "a mapping",
        SequenceStart => "a sequence",
        Scalar s => $"the scalar {ModelValue.Format(s.Value)}",
        DocumentStart => "another document",
        _ => e.GetType().Name,
    };
}

/// <summary>A YamlException raised by our own checks, carrying the path; the format unwraps it.</summary>
internal sealed class DocumentYamlException(Mark mark, DocumentError error) : YamlException(mark, mark, error.Describe(), error)
{
    public DocumentError Error { get; } = error;
}
