// The config registry: POST a config in any of the four formats, GET it back by hash in any of them.
//   dotnet run --project examples/ConfigRegistry -- --urls http://127.0.0.1:5080 [--store DIR | --redis HOST:PORT]
await using var app = ConfigRegistry.RegistryApp.Create(args);
await app.RunAsync();
