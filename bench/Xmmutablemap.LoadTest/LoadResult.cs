namespace Xmmutablemap.LoadTest;

/// <summary>What one load run measured. Requests counts POSTs and GETs; latencies are per request.</summary>
public sealed record LoadResult(string Name, int Clients, double Seconds, int Requests, int Errors, int Mismatches, double P99Milliseconds, double MedianMilliseconds)
{
    public double RequestsPerSecond => Requests / Seconds;
}
