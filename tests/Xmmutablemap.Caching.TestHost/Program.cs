using Xmmutablemap;
using Xmmutablemap.Caching;
using Xmmutablemap.Serialization;

// Xmmutablemap.Caching.TestHost CONFIG (DIR | redis://HOST:PORT) NAMESPACE COUNTER_FILE
// Computes "trained <hash>" once per config, appending a line to COUNTER_FILE each time it really computes,
// and prints the result, whoever computed it.
var config = MapFile.Load(args[0]);
await using var cache = args[1].StartsWith("redis://", StringComparison.Ordinal)
    ? ConfigCache.CreateRedis(args[1]["redis://".Length..])
    : ConfigCache.CreateDefault(args[1]);
byte[] result = await cache.GetOrComputeBytesAsync(args[2], config, async ct =>
{
    await File.AppendAllTextAsync(args[3], $"computed by {Environment.ProcessId}\n", ct);
    await Task.Delay(1000, ct);
    return System.Text.Encoding.UTF8.GetBytes($"trained {config.ContentHash}");
});
Console.WriteLine(System.Text.Encoding.UTF8.GetString(result));
return 0;
