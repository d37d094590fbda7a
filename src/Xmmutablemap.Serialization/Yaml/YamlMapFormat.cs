using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Xmmutablemap.Serialization.Internal;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>The YAML format (YamlDotNet): <c>.yaml</c>/<c>.yml</c>. Reads the YAML 1.2 core schema; writes YAML
/// that YAML 1.1 readers (PyYAML) read to the same values.</summary>
public sealed class YamlMapFormat : IMapFormat
{
    /// <summary>The shared instance.</summary>
    public static YamlMapFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "yaml";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(Stream input, MapReaderOptions? options = null)
    {
        var bytes = StreamBytes.ReadAll(input);
        try
        {
            string? text = UnicodeText.TryDecode(bytes.Span);
            if (text is null)
            {
                int bad = FirstInvalidUtf8(bytes.Span);
                var (line, column) = TextPosition.At(bytes.Span, bad);
                throw new DocumentError($"the input is not valid UTF-8 (at byte {bad})", "", line, column);
            }
            if (text.StartsWith('\uFEFF')) text = text[1..];
            return YamlModelReader.ReadDocument(text, options ?? MapReaderOptions.Default);
        }
        catch (DocumentYamlException e)
        {
            throw e.Error.ToFacade(Name, e);
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(Name, ToNative(e));
        }
    }

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(output);
        var text = new StringWriter { NewLine = "\n" };
        try
        {
            var emitter = CreateEmitter(text);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, isImplicit: true));
            YamlModelWriter.WriteMap(emitter, map, new DocumentPath(), fallback: null);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
        }
        catch (DocumentError e)
        {
            throw e.ToFacade(Name, ToNative(e));
        }
        // Written only once complete: a refused value leaves nothing behind.
        output.Write(new UTF8Encoding(false).GetBytes(text.ToString()));
    }

    internal static Emitter CreateEmitter(TextWriter writer) =>
        new(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, skipAnchorName: false, indentSequences: false, newLine: "\n", useUtf16SurrogatePairs: false));

    /// <summary>The funnel: every failure becomes a <see cref="YamlException"/> at the failing node's mark.</summary>
    internal static YamlException ToNative(DocumentError e)
    {
        var mark = e.Line is null ? Mark.Empty : new Mark(0, e.Line.Value, e.Column ?? 1);
        return new YamlException(mark, mark, e.Describe(), e);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int read, out _, replaceInvalidSequences: false);
        return read;
    }
}
