using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Xmmutablemap.AspNetCore.Mvc;

/// <summary>Registers the map formatters with MVC in one call.</summary>
/// <example>
/// <code>
/// builder.Services.AddControllers().AddImmutableMapFormatters();
/// // [HttpPost] public ActionResult&lt;ImmutableMap&lt;string, object?&gt;&gt; Post([FromBody] ImmutableMap&lt;string, object?&gt; config) => config;
/// </code>
/// </example>
public static class MapMvcBuilderExtensions
{
    /// <summary>Puts <see cref="MapInputFormatter"/> and <see cref="MapOutputFormatter"/> first, so maps are read and
    /// written in all four formats; other types keep their formatters.</summary>
    public static IMvcBuilder AddImmutableMapFormatters(this IMvcBuilder builder, Action<MapHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImmutableMapHttp(configure);
        builder.Services.AddOptions<MvcOptions>().Configure<IOptions<MapHttpOptions>>((mvc, map) =>
        {
            mvc.InputFormatters.Insert(0, new MapInputFormatter(map.Value));
            mvc.OutputFormatters.Insert(0, new MapOutputFormatter(map.Value));
        });
        return builder;
    }
}
