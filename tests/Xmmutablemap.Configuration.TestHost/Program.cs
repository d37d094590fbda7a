using Microsoft.Extensions.Configuration;
using Xmmutablemap.Configuration;

// Xmmutablemap.Configuration.TestHost SOURCE...   SOURCE: appsettings.json (AddJsonFile), FILE.yaml (AddConfigFile), env:PREFIX
var builder = new ConfigurationBuilder();
foreach (string source in args)
{
    if (source.StartsWith("env:", StringComparison.Ordinal)) builder.AddEnvironmentVariables(source[4..]);
    else if (source.EndsWith(".json", StringComparison.Ordinal)) builder.AddJsonFile(source);
    else builder.AddConfigFile(source);
}
Console.WriteLine(builder.Build().ToImmutableMap().ContentHash);
return 0;
