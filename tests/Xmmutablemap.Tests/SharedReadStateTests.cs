using System.Runtime.InteropServices;
using System.Text;
using Xmmutablemap.Documents;
using Xmmutablemap.Json;

namespace Xmmutablemap.Tests;

/// <summary>
/// Maps read from one document with the same keys share one key array, and repeated short strings are one
/// string: what keeps a large file's tree small. Sharing must never change what is read.
/// </summary>
public class SharedReadStateTests
{
    private static ImmutableMap<string, object?> Read(string json) => JsonModelReader.ReadDocument(Encoding.UTF8.GetBytes(json), DocumentLimits.Default);

    private static string[] KeyArray(object? map) => ImmutableCollectionsMarshal.AsArray(((ImmutableMap<string, object?>)map!).Keys)!;

    [Fact]
    public void Records_with_the_same_keys_share_one_key_array_whatever_order_they_are_written_in()
    {
        var doc = Read("""{"items": [{"b": 1, "a": 2}, {"a": 3, "b": 4}, {"b": 5, "a": 6}, {"a": 7, "c": 8}]}""");
        var items = (System.Collections.Immutable.ImmutableArray<object?>)doc["items"]!;
        Assert.Same(KeyArray(items[0]), KeyArray(items[1]));
        Assert.Same(KeyArray(items[0]), KeyArray(items[2]));
        Assert.NotSame(KeyArray(items[0]), KeyArray(items[3]));
        Assert.Equal(["a", "b"], KeyArray(items[2]));
        Assert.Equal(["a", "c"], KeyArray(items[3]));
        // Values stay with their own keys.
        Assert.Equal(6L, ((ImmutableMap<string, object?>)items[2]!)["a"]);
        Assert.Equal(5L, ((ImmutableMap<string, object?>)items[2]!)["b"]);
        Assert.Equal(8L, ((ImmutableMap<string, object?>)items[3]!)["c"]);
    }

    [Fact]
    public void A_repeated_key_set_still_reports_a_duplicate_key()
    {
        var e = Assert.Throws<DocumentException>(() => Read("""{"x": [{"a": 1, "b": 2}, {"a": 1, "a": 2}]}"""));
        Assert.Equal("x[1].a", e.Path);
    }

    [Fact]
    public void Repeated_short_strings_are_one_string_and_other_text_is_read_exactly()
    {
        var doc = Read("""{"p": {"act": "gelu", "name": "caf\u00e9"}, "q": {"act": "gelu", "name": "café", "esc": "ge\u006cu", "long": "abcdefghijklmnopqrstuvwxyz0123456789"}}""");
        var p = (ImmutableMap<string, object?>)doc["p"]!;
        var q = (ImmutableMap<string, object?>)doc["q"]!;
        Assert.Same(p["act"], q["act"]);
        Assert.Equal("café", p["name"]);
        Assert.Equal("café", q["name"]);
        Assert.Equal("gelu", q["esc"]);
        Assert.Equal("abcdefghijklmnopqrstuvwxyz0123456789", q["long"]);
    }

    [Fact]
    public void Strings_that_collide_in_the_cache_are_each_read_as_written()
    {
        // 5,000 distinct short keys and values: many share a cache slot, and each must come back as itself.
        var json = new StringBuilder("{");
        for (int i = 0; i < 5000; i++) json.Append(i == 0 ? "" : ",").Append($"\"k{i}\": \"v{i * 7}\"");
        var doc = Read(json.Append('}').ToString());
        Assert.Equal(5000, doc.Count);
        for (int i = 0; i < 5000; i++) Assert.Equal($"v{i * 7}", doc[$"k{i}"]);
    }

    [Fact]
    public void Records_whose_keys_repeat_share_one_lookup_index_and_look_up_their_own_values()
    {
        var json = new StringBuilder("{\"records\": [");
        for (int i = 0; i < 40; i++) json.Append(i == 0 ? "" : ",").Append($"{{\"id\": {i}, \"name\": \"r{i}\", \"score\": {i}.5}}");
        var records = (System.Collections.Immutable.ImmutableArray<object?>)Read(json.Append("]}").ToString())["records"]!;
        var maps = records.Select(r => (ImmutableMap<string, object?>)r!).ToArray();
        Assert.Same(maps[30].Lookup, maps[39].Lookup);
        Assert.Same(maps[10].Lookup, maps[39].Lookup);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal((long)i, maps[i]["id"]);
            Assert.Equal($"r{i}", maps[i]["name"]);
            Assert.Equal(i + 0.5, maps[i]["score"]);
            Assert.False(maps[i].ContainsKey("missing"));
        }
    }

    [Fact]
    public void Threads_reading_at_once_each_get_exactly_their_own_documents()
    {
        // Eight threads read documents whose short strings and key sets differ per thread and per round (so any
        // table they shared would keep replacing its slots), and every value, key array and lookup must still be
        // the document's own. The tables are per thread today; a shared table (tried, and slower under parallel
        // reads) must pass this too.
        const int Threads = 8, Rounds = 300;
        static string Document(int thread, int round)
        {
            var json = new StringBuilder("{\"rows\": [");
            for (int r = 0; r < 12; r++)
            {
                // The same key set repeats within a document (so sets are shared and indexed); it differs between threads.
                json.Append(r == 0 ? "" : ",").Append($"{{\"t{thread}\": {r}, \"v{round % 7}\": \"s{thread}_{round % 5}\", \"x\": \"w{thread}_{round}_{r}\"}}");
            }
            return json.Append("]}").ToString();
        }
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var workers = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                var rows = (System.Collections.Immutable.ImmutableArray<object?>)Read(Document(thread, round))["rows"]!;
                for (int r = 0; r < rows.Length; r++)
                {
                    var row = (ImmutableMap<string, object?>)rows[r]!;
                    string[] expectedKeys = [$"t{thread}", $"v{round % 7}", "x"];
                    Array.Sort(expectedKeys, StringComparer.Ordinal);
                    if (!KeyArray(row).SequenceEqual(expectedKeys)
                        || !Equals(row[$"t{thread}"], (long)r)
                        || !Equals(row[$"v{round % 7}"], $"s{thread}_{round % 5}")
                        || !Equals(row["x"], $"w{thread}_{round}_{r}")
                        || row.ContainsKey($"t{(thread + 1) % Threads}"))
                        failures.Enqueue($"thread {thread}, round {round}, row {r}: {row}");
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Empty(failures);
    }
}
