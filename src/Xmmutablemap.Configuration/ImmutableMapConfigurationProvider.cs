using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Xmmutablemap.Configuration;

/// <summary>
/// Flattens a frozen map into configuration keys (<c>optimizer:lr</c>, <c>layers:0:units</c>) and string values:
/// strings as they are, integers in invariant digits, floats as the model writes them (<c>0.001</c>, <c>1.0</c>,
/// <c>1.0e-08</c>, which the configuration binder reads), booleans <c>true</c>/<c>false</c>, null as null, bytes
/// in base64; lists become the indexed keys configuration uses for arrays.
/// </summary>
internal sealed class ImmutableMapConfigurationProvider(Func<ImmutableMap<string, object?>> load) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(load(), null, data);
        Data = data;
    }

    private static void Flatten(object? value, string? prefix, Dictionary<string, string?> data)
    {
        switch (value)
        {
            case IImmutableMap map:
                for (int i = 0; i < map.Count; i++)
                    Flatten(map.GetValue(i), Join(prefix, Convert.ToString(map.GetKey(i), CultureInfo.InvariantCulture)!), data);
                return;
            case ImmutableArray<byte> bytes:
                data[prefix!] = Convert.ToBase64String(bytes.AsSpan());
                return;
            case IList list when ModelValue.GetKind(value) == ModelKind.List:
                for (int i = 0; i < list.Count; i++) Flatten(list[i], Join(prefix, i.ToString(CultureInfo.InvariantCulture)), data);
                return;
        }
        data[prefix!] = ModelValue.GetKind(value) switch
        {
            ModelKind.Null => null,
            ModelKind.String => (string)value!,
            ModelKind.Bool => (bool)value! ? "true" : "false",
            ModelKind.Float => ModelValue.TryGetFloat(value, out double d) ? ModelValue.FormatFloat(d) : null,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private static string Join(string? prefix, string key) => prefix is null ? key : prefix + ConfigurationPath.KeyDelimiter + key;
}
