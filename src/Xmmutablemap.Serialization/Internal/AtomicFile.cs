using System.Diagnostics;
using System.Globalization;

namespace Xmmutablemap.Serialization.Internal;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a part. The
/// temporary file sits beside the target (the rename stays on one file system) under a short name that
/// records the writer's process id, so a later write to the same target removes what a killed writer left.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Cannot write '{path}': the directory '{directory}' does not exist.");
        // Short and fixed in length, so any target name that fits also has a temporary name that fits.
        string prefix = $".xmm-{TargetTag(fullPath)}-";
        RemoveAbandoned(directory, prefix);
        string temp = Path.Combine(directory, $"{prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch (Exception e)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (e is IOException and not FileNotFoundException || e is UnauthorizedAccessException)
                throw new IOException($"Cannot write '{path}': {e.Message.Replace(temp, fullPath, StringComparison.Ordinal)}", e);
            throw;
        }
    }

    // A stable tag of the target's full path: temporary files of different targets never collide.
    private static string TargetTag(string fullPath)
    {
        uint hash = 2166136261;
        foreach (char c in fullPath) hash = (hash ^ c) * 16777619;
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes temporary files for this target whose writing process no longer runs (killed mid-write).</summary>
    private static void RemoveAbandoned(string directory, string prefix)
    {
        try
        {
            foreach (string file in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
            {
                string rest = Path.GetFileName(file)[prefix.Length..];
                int dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash > 0 && int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !IsRunning(pid))
                {
                    try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleaning up is a courtesy; the write itself decides success.
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
