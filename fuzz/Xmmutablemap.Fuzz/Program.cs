using SharpFuzz;
using Xmmutablemap.Fuzz;

// xmm-fuzz FORMAT            run under AFL++ (fuzz/run.sh): reads one input per fork from standard input
// xmm-fuzz FORMAT FILE...    run the target once per file (on the uninstrumented build: dotnet run --project fuzz/Xmmutablemap.Fuzz -- yaml FILE)
string[] formats = ["json", "yaml", "msgpack", "protobuf"];
if (args.Length == 0 || !formats.Contains(args[0]))
{
    Console.Error.WriteLine("usage: xmm-fuzz json|yaml|msgpack|protobuf [FILE...]");
    return 2;
}
if (args.Length > 1)
{
    foreach (var file in args.Skip(1)) FuzzTarget.Run(args[0], File.ReadAllBytes(file));
    return 0;
}
// Instrumented code may only run inside Run, where AFL's shared memory is mapped.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTarget.Run(args[0], buffer.ToArray());
});
return 0;
