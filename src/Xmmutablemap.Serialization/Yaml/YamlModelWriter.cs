using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using System.Runtime.CompilerServices;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>
/// Writes model values as YAML events. Everything is chosen so that YAML 1.2 readers and YAML 1.1
/// readers such as PyYAML read back the same values: a string is plain only when neither schema could
/// take it for anything else, floats always carry a '.' (<c>1.0</c>, <c>1.0e+20</c>), bytes are
/// <c>!!binary</c>, and NaN and infinities are <c>.nan</c>, <c>.inf</c>, <c>-.inf</c>.
/// </summary>
internal static class YamlModelWriter
{
    private static readonly TagName BinaryTag = new("tag:yaml.org,2002:binary");

    /// <param name="emitter">The destination.</param>
    /// <param name="value">The value.</param>
    /// <param name="path">The value's path, for errors.</param>
    /// <param name="limits">The limits the reader will apply.</param>
    /// <param name="fallback">For the native converter: writes values outside the model through YamlDotNet's own serializer.</param>
    public static void Write(IEmitter emitter, object? value, DocumentPath path, DocumentLimits limits, Action<object>? fallback)
    {
        switch (ModelValue.GetKind(value))
        {
            case ModelKind.Null: Plain(emitter, "null"); return;
            case ModelKind.Bool: Plain(emitter, (bool)value! ? "true" : "false"); return;
            case ModelKind.Integer:
                ModelValue.TryGetInteger(value, out var integer);
                Plain(emitter, integer.ToString(CultureInfo.InvariantCulture));
                return;
            case ModelKind.Float:
                ModelValue.TryGetFloat(value, out double d);
                Plain(emitter, d switch
                {
                    double.NaN => ".nan",
                    double.PositiveInfinity => ".inf",
                    double.NegativeInfinity => "-.inf",
                    _ => ModelValue.FormatFloat(d),
                });
                return;
            case ModelKind.String:
                WriteString(emitter, (string)value!, path);
                return;
            case ModelKind.Bytes:
                var bytes = (ImmutableArray<byte>)value!;
                emitter.Emit(new Scalar(AnchorName.Empty, BinaryTag, Convert.ToBase64String(bytes.AsSpan()), ScalarStyle.Plain, false, false));
                return;
            case ModelKind.List:
                var list = (IList)value!;
                limits.EnterCollection(path);
                RuntimeHelpers.EnsureSufficientExecutionStack();
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, list.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                path.PushIndex(0);
                for (int i = 0; i < list.Count; i++)
                {
                    path.SetIndex(i);
                    Write(emitter, list[i], path, limits, fallback);
                }
                path.Pop();
                emitter.Emit(new SequenceEnd());
                return;
            case ModelKind.Map:
                WriteMap(emitter, (IImmutableMap)value!, path, limits, fallback);
                return;
            default:
                if (fallback is null) throw new DocumentException($"{value!.GetType().FullName} is not a model value", path.ToString());
                fallback(value!);
                return;
        }
    }

    public static void WriteMap(IEmitter emitter, IImmutableMap map, DocumentPath path, DocumentLimits limits, Action<object>? fallback)
    {
        limits.EnterCollection(path);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, map.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
        for (int i = 0; i < map.Count; i++)
        {
            object key = map.GetKey(i);
            path.PushKey(key);
            Write(emitter, key, path, limits, fallback: null);
            Write(emitter, map.GetValue(i), path, limits, fallback);
            path.Pop();
        }
        emitter.Emit(new MappingEnd());
    }

    private static void WriteString(IEmitter emitter, string text, DocumentPath path)
    {
        ModelText.CheckString(text, path);
        if (YamlScalarResolver.CanBePlain(text)) Plain(emitter, text);
        else emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.DoubleQuoted, false, true));
    }

    private static void Plain(IEmitter emitter, string text)
        => emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));
}
