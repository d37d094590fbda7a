using Xmmutablemap.Documents;
using System.Text;
using Xmmutablemap.Serialization.Json;
using Xmmutablemap.Serialization.Yaml;

namespace Xmmutablemap.Serialization.Tests;

public sealed class FacadeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xmm-facade-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("a.json", "json")]
    [InlineData("a.yaml", "yaml")]
    [InlineData("a.YML", "yaml")]
    [InlineData("a.msgpack", "msgpack")]
    [InlineData("a.mpk", "msgpack")]
    [InlineData("a.binpb", "protobuf")]
    [InlineData("dir.x/a.pb", "protobuf")]
    public void Registry_finds_formats_by_extension(string path, string name)
    {
        Assert.Equal(name, MapFormatRegistry.Default.GetByPath(path).Name);
        Assert.Equal(name, MapFormatRegistry.Default.GetByName(name.ToUpperInvariant()).Name);
    }

    [Fact]
    public void A_file_stream_is_read_from_its_position_to_its_end()
    {
        string path = Path.Combine(_dir, "prefixed.json");
        File.WriteAllText(path, "junk{\"a\": 1, \"b\": 2.0}");
        using var stream = File.OpenRead(path);
        stream.Position = 4;
        var map = JsonMapFormat.Instance.Read(stream);
        Assert.Equal("{\n  \"a\": 1,\n  \"b\": 2.0\n}\n", JsonMapFormat.Instance.WriteToString(map));
        Assert.Equal(stream.Length, stream.Position);
    }

    [Theory]
    [InlineData(-5)] // the stream says it is shorter than it is: it grew while being read
    [InlineData(7)]  // it says it is longer: it shrank
    public void A_stream_whose_length_changes_while_being_read_is_read_to_its_real_end(int lengthError)
    {
        var bytes = Encoding.UTF8.GetBytes("{\"model\": {\"layers\": [1, 2, 3]}, \"seed\": 7}");
        using var stream = new MisreportedLengthStream(bytes, lengthError);
        var map = JsonMapFormat.Instance.Read(stream);
        Assert.Equal(7L, map["seed"]);
        Assert.Equal("ImmutableMap({\"layers\": [1, 2, 3]})", map["model"]!.ToString());
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Unknown_extension_or_name_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => MapFormatRegistry.Default.GetByPath("a.toml"));
        Assert.Contains(".json, .yaml, .yml, .msgpack, .mpk, .binpb, .pb", e.Message.Replace(".binpb, .pb, .msgpack, .mpk, .yaml, .yml, .json", ".json, .yaml, .yml, .msgpack, .mpk, .binpb, .pb"));
        Assert.Throws<ArgumentException>(() => MapFormatRegistry.Default.GetByName("toml"));
    }

    [Fact]
    public void Save_then_Load_in_every_format_gives_the_same_map_and_hash()
    {
        var config = ImmutableMap.Of<string, object?>(("lr", 3e-4), ("epochs", 10L), ("name", "run"));
        foreach (var extension in new[] { ".json", ".yaml", ".msgpack", ".binpb" })
        {
            string path = Path.Combine(_dir, "config" + extension);
            MapFile.Save(config, path);
            var loaded = MapFile.Load(path);
            Assert.Equal(config, loaded);
            Assert.Equal(config.ContentHash, loaded.ContentHash);
        }
        Assert.Equal(4, Directory.GetFiles(_dir).Length); // no temporary files left behind
    }

    [Fact]
    public void A_failed_save_leaves_the_existing_file_untouched_and_no_temporary_file()
    {
        string path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, "{\"old\": true}\n");
        var bad = ImmutableMap.Of<string, object?>(("a", 1L), ("b", double.NaN));
        var e = Assert.Throws<MapFormatException>(() => MapFile.Save(bad, path));
        Assert.Equal(path, e.File);
        Assert.Equal("{\"old\": true}\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Save_removes_what_a_killed_writer_left_behind_and_keeps_other_files()
    {
        string target = Path.Combine(_dir, "run.json");
        // The temporary name Save uses: ".xmm-<FNV-1a of the full path>-<pid>-<guid>.tmp", beside the target.
        uint hash = 2166136261;
        foreach (char c in Path.GetFullPath(target)) hash = (hash ^ c) * 16777619;
        using var finished = System.Diagnostics.Process.Start("true")!;
        finished.WaitForExit();
        string abandoned = Path.Combine(_dir, $".xmm-{hash:x8}-{finished.Id}-0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(abandoned, "{\"half\": ");
        string live = Path.Combine(_dir, $".xmm-{hash:x8}-{Environment.ProcessId}-fedcba9876543210fedcba9876543210.tmp");
        File.WriteAllText(live, "another writer in this process is still at work");
        string unrelated = Path.Combine(_dir, ".other.tmp");
        File.WriteAllText(unrelated, "not ours");

        MapFile.Save(ImmutableMap.Of<string, object?>(("a", 1L)), target);

        string[] expected = [".other.tmp", Path.GetFileName(live), "run.json"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(abandoned));
    }

    [Fact]
    public void Save_into_a_missing_directory_names_the_target_not_a_temporary_file()
    {
        string target = Path.Combine(_dir, "missing", "run.json");
        var e = Assert.Throws<DirectoryNotFoundException>(() => MapFile.Save(ImmutableMap.Of<string, object?>(("a", 1L)), target));
        Assert.Equal($"Cannot write '{target}': the directory '{Path.Combine(_dir, "missing")}' does not exist.", e.Message);
    }

    [Fact]
    public void Save_with_a_name_too_long_names_the_target()
    {
        string target = Path.Combine(_dir, new string('n', 300) + ".json");
        var e = Assert.ThrowsAny<IOException>(() => MapFile.Save(ImmutableMap.Of<string, object?>(("a", 1L)), target));
        Assert.StartsWith($"Cannot write '{target}'", e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Load_errors_name_the_file_the_path_and_the_line_and_column()
    {
        string path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, "optimizer:\n  lr: 0.1\n  lr: 0.2\n");
        var e = Assert.Throws<MapFormatException>(() => MapFile.Load(path));
        Assert.Equal($"{path}:3:3: yaml: at optimizer.lr: the key \"lr\" appears more than once (first at line 2, column 3)", e.Message);
        Assert.Equal(path, e.File);
        Assert.Equal("optimizer.lr", e.DocumentPath);
        Assert.Equal(3, e.Line);
        Assert.Equal(3, e.Column);
        Assert.IsAssignableFrom<YamlDotNet.Core.YamlException>(e.InnerException);

        string json = Path.Combine(_dir, "bad.json");
        File.WriteAllText(json, "{\n  \"a\": {\n    \"b\": 1e999\n  }\n}\n");
        var j = Assert.Throws<MapFormatException>(() => MapFile.Load(json));
        Assert.Equal($"{json}:3:10: json: at a.b: the number 1e999 overflows a 64-bit float", j.Message);
    }

    [Fact]
    public void Depth_limit_is_configurable_and_the_same_in_every_format()
    {
        var deep = ImmutableMap.Of<string, object?>(("a", ImmutableMap.Of<string, object?>(("b", ImmutableMap.Of<string, object?>(("c", 1L)))))); // depth 3
        var strict = new DocumentLimits { MaxDepth = 2 };
        foreach (var format in TestSupport.Formats)
        {
            byte[] bytes = format.WriteToArray(deep);
            Assert.Equal(deep, format.Read(bytes, new DocumentLimits { MaxDepth = 3 }));
            var e = Assert.Throws<MapFormatException>(() => format.Read(bytes, strict));
            Assert.Contains("deeper than the limit of 2", e.Message);
        }
    }

    /// <summary>A fifth format written outside the library: one "key = value" line per entry, integers and strings only.</summary>
    private sealed class KeyValueFormat : IMapFormat
    {
        public string Name => "kv";

        public IReadOnlyList<string> Extensions { get; } = [".kv"];

        public ImmutableMap<string, object?> Read(Stream input, DocumentLimits? limits = null)
        {
            using var reader = new StreamReader(input, Encoding.UTF8);
            var path = new DocumentPath();
            var entries = DocumentMapBuilder.Rent();
            int line = 0;
            try
            {
                while (reader.ReadLine() is { } text)
                {
                    line++;
                    var parts = text.Split(" = ", 2);
                    if (parts.Length != 2) throw new DocumentException("expected 'key = value'", "", DocumentPosition.AtLine(line, 1));
                    entries.Add(parts[0], long.TryParse(parts[1], out long n) ? n : parts[1], path, DocumentPosition.AtLine(line, 1));
                }
                return (ImmutableMap<string, object?>)entries.ToMap(path);
            }
            catch (DocumentException e)
            {
                throw new MapFormatException(Name, e);
            }
        }

        public void Write(IImmutableMap map, Stream output, DocumentLimits? limits = null)
        {
            var text = new StringBuilder();
            for (int i = 0; i < map.Count; i++) text.Append($"{map.GetKey(i)} = {map.GetValue(i)}\n");
            output.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    [Fact]
    public void A_fifth_format_plugs_in_from_outside_the_library()
    {
        var registry = MapFormatRegistry.CreateDefault();
        registry.Register(new KeyValueFormat());
        string path = Path.Combine(_dir, "run.kv");
        var config = ImmutableMap.Of<string, object?>(("epochs", 10L), ("name", "run"));
        MapFile.Save(config, path, registry);
        Assert.Equal("epochs = 10\nname = run\n", File.ReadAllText(path));
        var loaded = MapFile.Load(path, registry);
        Assert.Equal(config.ContentHash, loaded.ContentHash);
        MapFile.Save(loaded, Path.Combine(_dir, "run.yaml"), registry);
        Assert.Equal(config, MapFile.Load(Path.Combine(_dir, "run.yaml"), registry));
        Assert.False(MapFormatRegistry.Default.TryGetByPath(path, out _));
    }
}
