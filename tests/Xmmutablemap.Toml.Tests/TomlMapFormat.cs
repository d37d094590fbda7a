using System.Text;
using Xmmutablemap.Documents;
using Xmmutablemap.Serialization;

namespace Xmmutablemap.Toml;

/// <summary>
/// TOML (<c>.toml</c>) through Tomlyn, written the way the README invites users to add a format: an
/// <see cref="IMapFormat"/> built on the public toolkit alone. Every failure is funnelled into a
/// <see cref="MapFormatException"/> whose inner exception is Tomlyn's own <see cref="Tomlyn.TomlException"/>.
/// </summary>
public sealed class TomlMapFormat : IMapFormat
{
    /// <summary>The shared instance.</summary>
    public static TomlMapFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "toml";

    /// <inheritdoc/>
    public IReadOnlyList<string> Extensions { get; } = [".toml"];

    /// <inheritdoc/>
    public ImmutableMap<string, object?> Read(Stream input, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        try
        {
            int bad = ModelText.IndexOfInvalidUtf8(bytes);
            if (bad >= 0) throw new DocumentException("the input is not valid UTF-8", "", DocumentPosition.AtByte(bad));
            return TomlModelReader.ReadDocument(Encoding.UTF8.GetString(bytes), limits ?? DocumentLimits.Default);
        }
        catch (DocumentException e)
        {
            throw new MapFormatException(Name, e, ToNative(e));
        }
        catch (InsufficientExecutionStackException e)
        {
            var error = new DocumentException("the document nests too deep for this thread's stack", "", default, e);
            throw new MapFormatException(Name, error, ToNative(error));
        }
    }

    /// <inheritdoc/>
    public void Write(IImmutableMap map, Stream output, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            if (map.Count > 0 && map.GetKey(0) is not string)
                throw new DocumentException($"the top level must be a map with string keys, not {map.KeyType.Name} keys", "");
            string text = TomlModelWriter.WriteDocument(map, limits ?? DocumentLimits.Default);
            output.Write(new UTF8Encoding(false).GetBytes(text)); // only once complete
        }
        catch (DocumentException e)
        {
            throw new MapFormatException(Name, e, ToNative(e));
        }
    }

    private static Tomlyn.TomlException ToNative(DocumentException e) => new(e.Message, e);
}
