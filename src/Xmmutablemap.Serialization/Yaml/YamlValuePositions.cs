using Xmmutablemap.Documents;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Xmmutablemap.Serialization.Yaml;

/// <summary>Where each value of a YAML document starts (path to line and column), for provenance. The
/// document has already been read, so it is valid; aliases give the alias's own position.</summary>
internal static class YamlValuePositions
{
    public static Dictionary<string, DocumentPosition> Read(string text)
    {
        var positions = new Dictionary<string, DocumentPosition>(StringComparer.Ordinal);
        var parser = YamlModelReader.CreateParser(text);
        var path = new DocumentPath();
        parser.Consume<StreamStart>();
        parser.Consume<DocumentStart>();
        Walk(parser, path, positions);
        return positions;
    }

    private static void Walk(IParser parser, DocumentPath path, Dictionary<string, DocumentPosition> positions)
    {
        var start = parser.Current!;
        positions[path.ToString()] = DocumentPosition.AtLine(start.Start.Line, start.Start.Column);
        switch (start)
        {
            case MappingStart:
                parser.MoveNext();
                while (parser.Current is not MappingEnd)
                {
                    object key = parser.Current is Scalar { Style: ScalarStyle.Plain } plain
                        ? YamlScalarResolver.ResolvePlain(plain.Value, path, default).Value ?? plain.Value
                        : (parser.Current as Scalar)?.Value ?? "";
                    parser.MoveNext();
                    path.PushKey(key);
                    Walk(parser, path, positions);
                    path.Pop();
                }
                parser.MoveNext();
                break;
            case SequenceStart:
                parser.MoveNext();
                path.PushIndex(0);
                for (int i = 0; parser.Current is not SequenceEnd; i++)
                {
                    path.SetIndex(i);
                    Walk(parser, path, positions);
                }
                path.Pop();
                parser.MoveNext();
                break;
            default:
                parser.MoveNext();
                break;
        }
    }
}
