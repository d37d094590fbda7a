using System.Text.Json;
using Xmmutablemap.Documents;

namespace Xmmutablemap.Json;

/// <summary>Turns the model's errors into System.Text.Json's own exception type, as JSON callers expect to catch.</summary>
public static class DocumentExceptionJsonExtensions
{
    /// <summary>
    /// A <see cref="JsonException"/> with the same message, the path as a JSON path (<c>$.optimizer.lr</c>) and the
    /// 0-based line and byte position System.Text.Json uses; the <see cref="DocumentException"/> is its inner exception.
    /// </summary>
    /// <example>
    /// <code>
    /// catch (DocumentException e) { throw e.ToJsonException(); }
    /// </code>
    /// </example>
    public static JsonException ToJsonException(this DocumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(exception.Message, exception.Path.Length == 0 ? "$" : "$." + exception.Path,
            exception.Position.Line - 1, exception.Position.Column - 1, exception);
    }
}
