using System.Text;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization.Internal;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>The YAML format (YamlDotNet): <c>.yaml</c>/<c>.yml</c>. Reads the YAML 1.2 core schema; writes YAML
/// that YAML 1.1 readers (PyYAML) read to the same values.</summary>
public sealed class YamlMapFormat : IMapFormat
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The shared instance.</summary>
    public static YamlMapFormat Instance { get; } = new();

    /// <summary>
    /// A YamlDotNet parser with the fix this format reads through (<c>FlowKeyScanner</c>): YamlDotNet 18.1's own
    /// scanner refuses a flow mapping entry whose <c>:</c> starts a line, the form PyYAML writes for keys over 128
    /// characters. Give it to YamlDotNet's <c>IDeserializer.Deserialize</c> to read such files through its API.
    /// </summary>
    /// <param name="input">The YAML text.</param>
    /// <example>
    /// <code>
    /// var deserializer = new DeserializerBuilder().WithImmutableMaps().Build();
    /// var config = deserializer.Deserialize&lt;ImmutableMap&lt;string, object?&gt;&gt;(YamlMapFormat.CreateParser(new StringReader("{? k\n  : 1}")));
    /// </code>
    /// </example>
    public static IParser CreateParser(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new Parser(new FlowKeyScanner(new Scanner(input)));
    }

    /// <inheritdoc/>
    public string Name => "yaml";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(Stream input, DocumentLimits? limits = null) =>
        FormatFunnel.Read(Name, input, limits, (bytes, l) => YamlModelReader.ReadDocument(Decode(bytes.Span), l), ToNative);

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(ReadOnlyMemory<byte> input, DocumentLimits? limits = null) =>
        FormatFunnel.Read(Name, input, limits, (bytes, l) => YamlModelReader.ReadDocument(Decode(bytes.Span), l), ToNative);

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        FormatFunnel.Write(Name, map, limits, l =>
        {
            var text = new StringWriter { NewLine = "\n" };
            var emitter = CreateEmitter(text);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, isImplicit: true));
            YamlModelWriter.WriteMap(emitter, map, new DocumentPath(), l, fallback: null);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
            // Written only once complete: a refused value leaves nothing behind.
            output.Write(Utf8.GetBytes(text.ToString()));
        }, ToNative);
    }

    // YAML limits an implicit key to 1,024 characters, and YamlDotNet's emitter checks that limit against the key's
    // value, not its escaped rendering: a 600-character key of quotes is written as a 1,202-character implicit key
    // that YamlDotNet's own scanner refuses (found by the fuzz test). A key over 100 characters is written as an
    // explicit key ("? key"), which stays under the limit even if every character is escaped (at most 10 each).
    internal static Emitter CreateEmitter(TextWriter writer) =>
        new(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 100, skipAnchorName: false, indentSequences: false, newLine: "\n", useUtf16SurrogatePairs: false));

    /// <summary>The funnel: every failure becomes a <see cref="YamlException"/> at the failing node's mark.</summary>
    internal static YamlException ToNative(DocumentException e)
    {
        var mark = e.Position.Line is { } line ? new Mark(0, line, e.Position.Column ?? 1) : Mark.Empty;
        return new YamlException(mark, mark, e.Message, e);
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        string? text = ModelText.TryDecodeUtf8(bytes);
        if (text is null)
        {
            int bad = ModelText.IndexOfInvalidUtf8(bytes);
            throw new DocumentException("the input is not valid UTF-8", "", DocumentPosition.FromByteOffset(bytes, bad));
        }
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }
}
