using Microsoft.AspNetCore.Mvc;

namespace Xmmutablemap.AspNetCore.Tests;

/// <summary>An MVC controller as users write one: maps in and out through the registered formatters.</summary>
[ApiController]
[Route("mvc")]
public sealed class MapsController : ControllerBase
{
    [HttpPost("echo")]
    public ActionResult<ImmutableMap<string, object?>> Echo([FromBody] ImmutableMap<string, object?> config) => config;

    [HttpGet("train")]
    public ActionResult<ImmutableMap<string, object?>> Train() => TestConfigs.Train;

    [HttpGet("nan")]
    public IActionResult NaN() => Ok(TestConfigs.WithNaN);

    [HttpPost("created")]
    public IActionResult Created([FromBody] ImmutableMap<string, object?> config) => Created("/mvc/things/" + config.ContentHash, config);

    [HttpGet("plain")]
    public ActionResult<Dictionary<string, int>> Plain() => new Dictionary<string, int> { ["a"] = 1 };
}
