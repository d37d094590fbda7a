using System.Runtime.CompilerServices;
using Tomlyn.Syntax;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Toml;

/// <summary>
/// Reads TOML into model values. Tomlyn parses and validates the syntax (redefined keys and tables are its
/// errors); this class applies TOML's table rules and then builds every map and list through the model
/// rules of <see cref="Xmmutablemap.Documents"/>, as the built-in formats do.
/// </summary>
internal sealed class TomlModelReader
{
    private readonly DocumentLimits _limits;
    private readonly DocumentPath _path = new();

    private TomlModelReader(DocumentLimits limits) => _limits = limits;

    public static ImmutableMap<string, object?> ReadDocument(string text, DocumentLimits limits)
    {
        // Tomlyn's parser recurses per nesting level: refuse what is too deep before it sees it.
        CheckNesting(text, limits);
        DocumentSyntax document;
        try
        {
            // Tomlyn's own depth limit (default 64) must not refuse what the limits allow.
            var options = new Tomlyn.TomlSerializerOptions { MaxDepth = limits.MaxDepth == int.MaxValue ? int.MaxValue : limits.MaxDepth + 2 };
            document = Tomlyn.Parsing.SyntaxParser.Parse(text, options, "document.toml", validate: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DocumentException("the TOML is malformed (" + e.Message + ")", "", default, e);
        }
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new DocumentException(first.Message, "", Position(first.Span), new Tomlyn.TomlException(document.Diagnostics));
        }
        var reader = new TomlModelReader(limits);
        var root = new TomlTable();
        foreach (var keyValue in document.KeyValues) reader.Define(root, [], keyValue);
        foreach (var table in document.Tables)
        {
            var current = reader.Open(root, table);
            var tablePath = Keys(table.Name);
            foreach (var keyValue in table.Items) reader.Define(current, tablePath, keyValue);
        }
        return (ImmutableMap<string, object?>)reader.Freeze(root)!;
    }

    // Counts the nesting of value brackets ([ and { outside strings, comments and table headers).
    private static void CheckNesting(string text, DocumentLimits limits)
    {
        int depth = 1, line = 1, column = 0;
        bool lineStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            column++;
            switch (c)
            {
                case '\n':
                    line++;
                    column = 0;
                    lineStart = true;
                    continue;
                case ' ' or '\t':
                    continue;
                case '#':
                    while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                    continue;
                case '"' or '\'':
                    i = EndOfString(text, i);
                    break;
                case '[' when lineStart:
                    while (i + 1 < text.Length && text[i + 1] != '\n' && text[i + 1] != '#') i++; // a table header
                    break;
                case '[' or '{':
                    if (++depth > limits.MaxDepth)
                        throw new DocumentException($"nesting is deeper than the limit of {limits.MaxDepth}", "", DocumentPosition.AtLine(line, column));
                    break;
                case ']' or '}':
                    depth = Math.Max(1, depth - 1);
                    break;
            }
            lineStart = false;
        }
    }

    // The index of the closing quote of the string starting at i (or the end); multi-line strings too.
    private static int EndOfString(string text, int i)
    {
        char quote = text[i];
        bool multiLine = i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote;
        string close = multiLine ? new string(quote, 3) : quote.ToString();
        int from = i + close.Length;
        while (from < text.Length)
        {
            int at = text.IndexOf(close, from, StringComparison.Ordinal);
            if (at < 0) return text.Length;
            if (quote == '"' && IsEscaped(text, at)) { from = at + 1; continue; }
            return at + close.Length - 1;
        }
        return text.Length;
    }

    private static bool IsEscaped(string text, int at)
    {
        int backslashes = 0;
        while (at - 1 - backslashes >= 0 && text[at - 1 - backslashes] == '\\') backslashes++;
        return backslashes % 2 == 1;
    }

    /// <param name="table">The table the key is relative to.</param>
    /// <param name="tablePath">Its keys from the top, for the paths in errors.</param>
    /// <param name="keyValue">The definition.</param>
    private void Define(TomlTable table, List<string> tablePath, KeyValueSyntax keyValue)
    {
        var keys = Keys(keyValue.Key);
        // a.b.c = v defines the tables a and a.b (or adds to them) and the key c.
        for (int i = 0; i < keys.Count - 1; i++) table = Child(table, keys[i], keyValue.Key);
        foreach (var key in tablePath.Concat(keys)) _path.PushKey(key);
        var value = Value(keyValue.Value!);
        for (int i = 0; i < tablePath.Count + keys.Count; i++) _path.Pop();
        table.Add(keys[^1], value, Position(keyValue.Key!.Span));
    }

    private TomlTable Open(TomlTable root, TableSyntaxBase header)
    {
        var keys = Keys(header.Name);
        var table = root;
        for (int i = 0; i < keys.Count - 1; i++) table = Child(table, keys[i], header.Name);
        string last = keys[^1];
        if (header is TableArraySyntax)
        {
            if (!table.TryGet(last, out var existing))
            {
                existing = new List<object?>();
                table.Add(last, existing, Position(header.Name!.Span));
            }
            var item = new TomlTable();
            ((List<object?>)existing!).Add(item);
            return item;
        }
        return Child(table, last, header.Name);
    }

    // The table under key, made if absent; through an array of tables, its last element (TOML's rule).
    private static TomlTable Child(TomlTable table, string key, SyntaxNode? at)
    {
        if (!table.TryGet(key, out var value))
        {
            var child = new TomlTable();
            table.Add(key, child, Position(at!.Span));
            return child;
        }
        return value switch
        {
            TomlTable child => child,
            List<object?> { Count: > 0 } list when list[^1] is TomlTable last => last,
            _ => throw new DocumentException($"the key {ModelValue.Format(key)} is not a table", "", Position(at!.Span)),
        };
    }

    private object? Value(ValueSyntax value) => value switch
    {
        IntegerValueSyntax i => ModelNumbers.Integer(i.Value),
        FloatValueSyntax f => f.Value,
        BooleanValueSyntax b => ModelNumbers.Bool(b.Value),
        StringValueSyntax s => ModelText.CheckString(s.Value!, _path, Position(s.Span)),
        ArraySyntax a => a.Items.Select((item, i) => Element(item.Value!, i)).ToList(),
        InlineTableSyntax t => Inline(t),
        DateTimeValueSyntax d => throw new DocumentException("TOML dates and times have no equivalent in the data model (quote them as strings)", _path.ToString(), Position(d.Span)),
        _ => throw new DocumentException($"unexpected TOML value {value.Kind}", _path.ToString(), Position(value.Span)),
    };

    private object? Element(ValueSyntax value, int index)
    {
        _path.PushIndex(index);
        var element = Value(value);
        _path.Pop();
        return element;
    }

    private TomlTable Inline(InlineTableSyntax syntax)
    {
        var table = new TomlTable();
        foreach (var item in syntax.Items) Define(table, [], item.KeyValue!);
        return table;
    }

    /// <summary>Builds the immutable model value, map by map and list by list through the toolkit.</summary>
    private object? Freeze(object? value)
    {
        switch (value)
        {
            case TomlTable table:
            {
                _limits.EnterCollection(_path);
                RuntimeHelpers.EnsureSufficientExecutionStack();
                var map = DocumentMapBuilder.Rent();
                foreach (var (key, item, position) in table.Entries)
                {
                    _path.PushKey(key);
                    var frozen = Freeze(item);
                    _path.Pop();
                    map.Add(key, frozen, _path, position);
                }
                return map.ToMap(_path);
            }
            case List<object?> items:
            {
                _limits.EnterCollection(_path);
                RuntimeHelpers.EnsureSufficientExecutionStack();
                var list = DocumentListBuilder.Rent();
                _path.PushIndex(0);
                foreach (var item in items)
                {
                    _path.SetIndex(list.Count);
                    list.Add(Freeze(item));
                }
                _path.Pop();
                return list.ToImmutable();
            }
            default:
                return value;
        }
    }

    private static List<string> Keys(KeySyntax? key)
    {
        var keys = new List<string> { KeyText(key!.Key!) };
        foreach (var dotted in key.DotKeys) keys.Add(KeyText(dotted.Key!));
        return keys;
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key!.Text!,
        StringValueSyntax quoted => quoted.Value!,
        _ => throw new DocumentException($"unexpected TOML key {key.Kind}", "", Position(key.Span)),
    };

    // Tomlyn counts lines and columns from 0.
    private static DocumentPosition Position(SourceSpan span) => DocumentPosition.AtLine(span.Start.Line + 1, span.Start.Column + 1);
}
