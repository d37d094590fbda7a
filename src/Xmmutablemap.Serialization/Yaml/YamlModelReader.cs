using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Xmmutablemap.Documents;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Reads YAML into model values by walking YamlDotNet's parser events (never <c>YamlStream</c>, which has
/// no depth limit), through the model rules of <see cref="Xmmutablemap.Documents"/>. It resolves plain
/// scalars by the YAML 1.2 core schema, rejects duplicate keys, unknown tags and excess depth, and expands
/// aliases by reference while counting what they add (<see cref="AliasBudget"/>), so a "billion laughs"
/// document fails fast and a self-referencing alias is an error. Every exception YamlDotNet throws on bad
/// input ends as a <see cref="DocumentException"/>.
/// </summary>
internal sealed class YamlModelReader
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    private readonly IParser _parser;
    private readonly IScanner? _scanner;
    private readonly DocumentLimits _limits;
    private readonly AliasBudget _aliases;
    private readonly DocumentPath _path = new();
    private readonly Dictionary<string, (object? Value, long Size)> _anchors = new(StringComparer.Ordinal);

    public YamlModelReader(IParser parser, DocumentLimits limits, IScanner? scanner = null)
    {
        _parser = parser;
        _scanner = scanner;
        _limits = limits;
        _aliases = new AliasBudget(limits);
    }

    /// <summary>A parser over <paramref name="text"/>, with the scanner fix for flow keys whose ':' starts a line.</summary>
    public static IParser CreateParser(string text) => new Parser(CreateScanner(text));

    private static IScanner CreateScanner(string text) => new FlowKeyScanner(new Scanner(new StringReader(text)));

    /// <summary>Reads a whole stream that must hold exactly one document whose top level is a string-keyed map.</summary>
    public static ImmutableMap<string, object?> ReadDocument(string text, DocumentLimits limits)
    {
        var scanner = CreateScanner(text);
        var reader = new YamlModelReader(new Parser(scanner), limits, scanner);
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
        catch (YamlException e)
        {
            throw new DocumentException(DocumentException.Excerpt(StripMark(e.Message), 300), _path.ToString(), Position(e.Start), e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // YamlDotNet 18.1 lets these escape on some malformed input (an out-of-range \U escape, an empty or
            // non-URI verbatim tag, some plain scalars): still bad input, reported where the scanner stopped.
            var mark = _scanner?.CurrentPosition ?? _parser.Current?.End ?? Mark.Empty;
            throw new DocumentException($"the YAML is malformed here ({DocumentException.Excerpt(e.Message.Split('(')[0].Trim().TrimEnd('.'), 300)})", _path.ToString(), Position(mark), new YamlException(mark, mark, e.Message, e));
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

    private object? ReadNode() => ReadSizedNode().Value;

    /// <summary>Reads one node and leaves the parser on the event after it; the size is the number of values it stands for.</summary>
    private (object? Value, long Size) ReadSizedNode()
    {
        var start = Current;
        switch (start)
        {
            case AnchorAlias alias:
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    throw Error($"the alias *{DocumentException.Excerpt(alias.Value.Value)} refers to no complete anchor (an unknown anchor, or one that contains this alias)");
                _aliases.Spend(anchored.Size, _path, Position(alias.Start));
                MoveNext();
                return anchored;
            }
            case Scalar scalar:
            {
                var value = ResolveScalar(scalar);
                MoveNext();
                return Remember(scalar, (value, 1));
            }
            case SequenceStart sequence:
            {
                CheckCollectionTag(sequence.Tag, "seq", sequence);
                _limits.EnterCollection(_path, Position(sequence.Start));
                RuntimeHelpers.EnsureSufficientExecutionStack();
                MoveNext();
                var items = DocumentListBuilder.Rent();
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
                return Remember(sequence, (items.ToImmutable(), size));
            }
            case MappingStart mapping:
            {
                CheckCollectionTag(mapping.Tag, "map", mapping);
                _limits.EnterCollection(_path, Position(mapping.Start));
                RuntimeHelpers.EnsureSufficientExecutionStack();
                MoveNext();
                var map = DocumentMapBuilder.Rent();
                long size = 1;
                while (Current is not MappingEnd)
                {
                    var keyEvent = Current;
                    var key = ReadKey();
                    _path.PushKey(key);
                    var (value, valueSize) = ReadSizedNode();
                    _path.Pop();
                    map.Add(key, value, _path, Position(keyEvent.Start));
                    size += valueSize + 1;
                }
                var result = map.ToMap(_path);
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
        // The map builder refuses any other kind of key, naming it.
        return key ?? throw Error("a mapping key must be a string or an integer, not null", keyEvent);
    }

    private object? ResolveScalar(Scalar scalar)
    {
        var position = Position(scalar.Start);
        object? value = scalar.Value;
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            string tag = scalar.Tag.Value;
            value = tag switch
            {
                TagPrefix + "str" => scalar.Value,
                TagPrefix + "int" => YamlScalarResolver.ResolveInt(scalar.Value, _path, position),
                TagPrefix + "float" => YamlScalarResolver.ResolveFloat(scalar.Value, _path, position),
                TagPrefix + "bool" => YamlScalarResolver.ResolvePlain(scalar.Value, _path, position) is (YamlScalarResolver.Kind.Bool, var b) ? b : throw Error($"{DocumentException.Excerpt(ModelValue.Format(scalar.Value))} is not a boolean", scalar),
                TagPrefix + "null" => YamlScalarResolver.IsNull(scalar.Value) ? null : throw Error($"{DocumentException.Excerpt(ModelValue.Format(scalar.Value))} is not null", scalar),
                TagPrefix + "binary" => Binary(scalar),
                _ => throw Error($"the tag {DocumentException.Excerpt(tag)} is not supported (only the YAML core tags and !!binary are)", scalar),
            };
        }
        else if (scalar.Tag.IsEmpty && scalar.Style == ScalarStyle.Plain)
        {
            value = YamlScalarResolver.ResolvePlain(scalar.Value, _path, position).Value;
        }
        return value is string s ? ModelText.CheckString(s, _path, position) : value;
    }

    private ImmutableArray<byte> Binary(Scalar scalar)
    {
        try
        {
            string compact = string.Concat(scalar.Value.Where(c => !char.IsWhiteSpace(c)));
            return ImmutableArray.Create(Convert.FromBase64String(compact));
        }
        catch (FormatException)
        {
            throw Error("the !!binary value is not valid base64", scalar);
        }
    }

    private void CheckCollectionTag(TagName tag, string expected, ParsingEvent at)
    {
        if (tag.IsEmpty || tag.IsNonSpecific || tag.Value == TagPrefix + expected) return;
        throw Error($"the tag {DocumentException.Excerpt(tag.Value)} is not supported (only the YAML core tags and !!binary are)", at);
    }

    private (object? Value, long Size) Remember(NodeEvent node, (object? Value, long Size) result)
    {
        // Registered only once the node is complete, so an alias inside its own anchor finds nothing.
        if (!node.Anchor.IsEmpty) _anchors[node.Anchor.Value] = result;
        return result;
    }

    private DocumentException Error(string reason, ParsingEvent? at = null)
        => new(reason, _path.ToString(), Position((at ?? _parser.Current)?.Start ?? Mark.Empty));

    private static DocumentPosition Position(Mark mark) => mark.Line > 0 ? DocumentPosition.AtLine(mark.Line, mark.Column) : default;

    // "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): reason" -> "reason"
    private static string StripMark(string message)
    {
        int at = message.IndexOf("): ", StringComparison.Ordinal);
        return (at >= 0 && message.StartsWith("(Line:", StringComparison.Ordinal) ? message[(at + 3)..] : message).TrimEnd('.', ' ');
    }

    private static string Describe(ParsingEvent e) => e switch
    {
        MappingStart => "a mapping",
        SequenceStart => "a sequence",
        Scalar s => $"the scalar {DocumentException.Excerpt(ModelValue.Format(s.Value))}",
        DocumentStart => "another document",
        _ => e.GetType().Name,
    };
}
