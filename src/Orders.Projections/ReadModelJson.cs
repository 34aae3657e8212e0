using System.Text.Json.Serialization;
using Orders.Projections.Documents;

namespace Orders.Projections;

/// <summary>The documents' JSON: camelCase, timestamps in RFC 3339 (their properties carry the converter).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderDocument))]
[JsonSerializable(typeof(string[]), TypeInfoPropertyName = "StringArray")]
public sealed partial class ReadModelJson : JsonSerializerContext;
