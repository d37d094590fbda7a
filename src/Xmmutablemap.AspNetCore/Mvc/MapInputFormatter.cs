using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace Xmmutablemap.AspNetCore.Mvc;

/// <summary>
/// Reads an <see cref="ImmutableMap{TKey, TValue}"/> of <c>string</c> to <c>object?</c> from a request body in
/// any of the four formats, under <see cref="MapHttpOptions"/>. A bad document becomes a model-state error naming
/// the path and position (with <c>[ApiController]</c>: 400 problem+json); a body over the size limit ends the
/// request with 413; a media type no formatter reads gets MVC's 415.
/// </summary>
public sealed class MapInputFormatter : InputFormatter
{
    private readonly MapHttpOptions _options;

    /// <summary>Creates the formatter with the given options.</summary>
    public MapInputFormatter(MapHttpOptions? options = null)
    {
        _options = options ?? MapHttpOptions.Default;
        foreach (string mediaType in MapMediaTypes.Readable) SupportedMediaTypes.Add(mediaType);
    }

    /// <inheritdoc/>
    protected override bool CanReadType(Type type) => type == typeof(ImmutableMap<string, object?>) || type == typeof(IImmutableMap);

    /// <inheritdoc/>
    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (map, _, failure) = await MapRequestReader.ReadAsync(context.HttpContext.Request, _options).ConfigureAwait(false);
        if (map is not null) return await InputFormatterResult.SuccessAsync(map).ConfigureAwait(false);
        if (failure!.StatusCode == StatusCodes.Status400BadRequest)
        {
            context.ModelState.TryAddModelError(context.ModelName, failure.Detail);
            return await InputFormatterResult.FailureAsync().ConfigureAwait(false);
        }
        // 413 (and a body the server itself refused): not a model error but the request's; Kestrel answers it
        // with the exception's status code.
        throw new BadHttpRequestException(failure.Detail, failure.StatusCode);
    }
}
