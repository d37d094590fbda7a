using Microsoft.AspNetCore.Http;

namespace Xmmutablemap.AspNetCore;

/// <summary>
/// Answers a request whose <see cref="MapBody"/> could not be read (400, 413, 415 problem+json) before the handler
/// runs. A filter rather than an exception from binding: minimal APIs turn a binding exception into a 500 unless
/// the app configures an exception handler, and a null binding result into a bare 400 without a detail.
/// </summary>
internal sealed class MapBodyFilter
{
    public EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        var positions = Enumerable.Range(0, parameters.Length).Where(i => parameters[i].ParameterType == typeof(MapBody)).ToArray();
        if (positions.Length == 0) return next;
        return invocation =>
        {
            foreach (int i in positions)
            {
                if (invocation.Arguments[i] is MapBody { Failure: { } failure }) return ValueTask.FromResult<object?>(failure.ToResult());
            }
            return next(invocation);
        };
    }
}
