using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Orders.Specs.Http.ApiContract;

/// <summary>One answer the document promises: an operation (its id, or method and path without one) and a status.</summary>
public sealed record DocumentedAnswer(string OperationId, string Method, string Template, string Status)
{
    public override string ToString() => $"{OperationId} {Status}";
}

/// <summary>
/// The OpenAPI document as a contract: finds the operation a request went to by the document's own path templates,
/// and checks the answer's status, media type, body (against the schema, with a JSON-schema evaluator) and headers.
/// </summary>
public sealed class OpenApiContract
{
    readonly JsonObject _schemas;
    readonly List<(DocumentedAnswer Answer, Regex Path, int Parameters, JsonObject Response)> _answers = [];
    readonly Dictionary<(DocumentedAnswer, string), JsonSchema> _compiled = [];

    public OpenApiContract(string documentJson)
    {
        // Component references become references into $defs, so that each response schema stands alone.
        var document = JsonNode.Parse(documentJson.Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal))!.AsObject();
        _schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        foreach (var (template, item) in document["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        foreach (var (status, response) in operation!["responses"]!.AsObject())
        {
            var parameters = Regex.Count(template, "{[^}]+}");
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$");
            var operationId = (string?)operation["operationId"] ?? $"{method.ToUpperInvariant()} {template}";
            _answers.Add((new DocumentedAnswer(operationId, method.ToUpperInvariant(), template, status),
                pattern, parameters, response!.AsObject()));
        }
    }

    public IEnumerable<DocumentedAnswer> Answers => _answers.Select(a => a.Answer);

    /// <summary>The operation a request of this method and path is routed to, as the document states routes.</summary>
    public string? OperationOf(string method, string path) =>
        _answers.Where(a => a.Answer.Method == method && a.Path.IsMatch(path))
            .OrderBy(a => a.Parameters)
            .Select(a => a.Answer.OperationId)
            .FirstOrDefault();

    /// <summary>What is wrong with the answer, as the document sees it: nothing when it is as documented.</summary>
    public IReadOnlyList<string> Check(RecordedResponse recorded, out DocumentedAnswer? answer)
    {
        answer = null;
        var operationId = OperationOf(recorded.Method, recorded.Path);
        if (operationId is null)
            return [$"no operation is documented for {recorded.Method} {recorded.Path}: {recorded}"];
        var documented = _answers.SingleOrDefault(a =>
            a.Answer.OperationId == operationId && a.Answer.Status == recorded.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (documented.Response is null)
            return [$"{operationId} answered {recorded.Status}, which its documentation does not list: {recorded}"];
        answer = documented.Answer;

        var failures = new List<string>();
        foreach (var (header, definition) in documented.Response["headers"]?.AsObject() ?? [])
            if ((bool?)definition!["required"] == true && !recorded.Headers.Contains(header))
                failures.Add($"{answer} lacks the header {header}: {recorded}");

        var content = documented.Response["content"]?.AsObject();
        if (content is null)
        {
            if (recorded.Body.Length > 0)
                failures.Add($"{answer} is documented without a body, but has one: {recorded}");
            return failures;
        }

        var mediaType = recorded.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !content.ContainsKey(mediaType))
        {
            failures.Add($"{answer} is documented as {string.Join(", ", content.Select(c => c.Key))}, not {mediaType}: {recorded}");
            return failures;
        }

        var results = Schema(documented.Answer, mediaType, content[mediaType]!["schema"]!.AsObject())
            .Evaluate(JsonNode.Parse(recorded.Body), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
            failures.Add($"{answer} does not match its schema: " + string.Join("; ",
                (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .Select(d => $"{d.InstanceLocation} {string.Join(", ", d.Errors!.Values)}")) + $": {recorded}");
        return failures;
    }

    JsonSchema Schema(DocumentedAnswer answer, string mediaType, JsonObject schema)
    {
        if (_compiled.TryGetValue((answer, mediaType), out var compiled))
            return compiled;
        var standalone = (JsonObject)schema.DeepClone();
        standalone["$defs"] = _schemas.DeepClone();
        return _compiled[(answer, mediaType)] = JsonSchema.FromText(standalone.ToJsonString());
    }
}
