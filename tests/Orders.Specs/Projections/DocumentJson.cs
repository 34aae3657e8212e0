using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orders.Projections;

namespace Orders.Specs.Projections;

/// <summary>Documents written as the read side stores them, indented for snapshots and readable offsets (no \u002B).</summary>
static class DocumentJson
{
    static readonly JsonSerializerOptions Indented = new(ReadModelJson.Default.Options)
    {
        // Snapshots group documents in dictionaries and anonymous objects, which only reflection can describe.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ReadModelJson.Default, new DefaultJsonTypeInfoResolver()),
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Indented);

    public static T RoundTrip<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, ReadModelJson.Default.Options), ReadModelJson.Default.Options)!;
}
