using Xmmutablemap.Serialization;
using Xmmutablemap.Serialization.Composition;

namespace Xmmutablemap.Cli;

/// <summary>
/// The config that <c>compose</c> and <c>run</c> work on: the arguments split into files and overrides (DESIGN
/// section 8: an override starts with <c>+</c>, <c>++</c> or <c>~</c>, or contains <c>=</c>), composed, with its
/// failures as the tool's usage and bad-input errors.
/// </summary>
internal static class ComposedInput
{
    /// <summary>Checks the arguments before anything is read: usage errors exit 2.</summary>
    public static (string[] Files, string[] Overrides) Split(string[] arguments, string command)
    {
        var files = arguments.Where(a => !ConfigOverride.IsOverride(a)).ToArray();
        var overrides = arguments.Where(ConfigOverride.IsOverride).ToArray();
        if (files.Length == 0) throw new UsageException($"{command} needs at least one config file");
        foreach (string file in files)
        {
            if (!MapFormatRegistry.Default.TryGetByPath(file, out _))
                throw new UsageException($"cannot tell the format of '{file}' from its extension (an override needs '=', or a leading +, ++ or ~)");
        }
        return (files, overrides);
    }

    /// <summary>Composes the config: a missing file, a bad document, an override that cannot apply and a strict-mode refusal exit 1.</summary>
    public static ComposedConfig Compose(string[] files, string[] overrides, MergeMode mode = MergeMode.Open)
    {
        try
        {
            return ConfigComposer.Compose(files, overrides, mode);
        }
        catch (FileNotFoundException e)
        {
            throw new BadInputException($"{e.FileName}: no such file or directory", e);
        }
        catch (Exception e) when (e is ConfigOverrideException or ArgumentException)
        {
            throw new BadInputException(e.Message, e);
        }
    }
}
