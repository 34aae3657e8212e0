using System.Text;
using System.Text.Json;
using Orders.EventStore;

namespace Orders.Specs.Projections;

/// <summary>The streams the original service wrote (<c>fixtures/streams.jsonl</c>), as recorded events.</summary>
static class SeedFixtures
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static IReadOnlyList<RecordedEvent> Events() =>
        File.ReadLines(Path.Combine(Folder, "streams.jsonl"))
            .Where(line => line.Length > 0)
            .Select((line, index) => Recorded(JsonDocument.Parse(line).RootElement, (ulong)index + 1))
            .ToList();

    /// <summary>stream name → the fields <c>expected.json</c> gives for it.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Expected() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    static RecordedEvent Recorded(JsonElement line, ulong position) =>
        new(
            line.GetProperty("stream").GetString()!,
            line.GetProperty("revision").GetInt64(),
            LogPosition.Of(position),
            new Guid((int)position, 0, 0, new byte[8]),
            line.GetProperty("type").GetString()!,
            Encoding.UTF8.GetBytes(line.GetProperty("data").GetString()!),
            Encoding.UTF8.GetBytes(line.GetProperty("metadata").GetString()!),
            DateTimeOffset.Parse(line.GetProperty("created").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
}
