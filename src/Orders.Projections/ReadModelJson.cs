using System.Text.Json.Serialization;
using Orders.Projections.Documents;
using Orders.Projections.Elastic;

namespace Orders.Projections;

/// <summary>
/// The documents' JSON: camelCase, timestamps in RFC 3339 (their properties carry the converter). The Elasticsearch
/// client writes and reads its documents' sources with these options too.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderDocument))]
[JsonSerializable(typeof(ProjectionStateDocument))]
[JsonSerializable(typeof(string[]), TypeInfoPropertyName = "StringArray")]
public sealed partial class ReadModelJson : JsonSerializerContext;
