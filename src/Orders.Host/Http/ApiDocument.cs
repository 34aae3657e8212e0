using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orders.Host.Http;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>. Each operation's answers come from its
/// <see cref="ApiAnswersAttribute"/>; problems share one schema whose <c>code</c> lists <see cref="ErrorCodes.All"/>,
/// and each problem answer narrows it to the codes that answer can carry.
/// </summary>
public static class ApiDocument
{
    const string ProblemSchema = "Problem";
    const string ValidationProblemSchema = "ValidationProblem";
    const string ProblemJson = "application/problem+json";

    static readonly Dictionary<string, string> Tags = new()
    {
        ["Orders"] = "Commands: each decides against the order's events and appends what it decided.",
        ["Queries"] = "Reads from the read models, never from the event log.",
        ["Admin"] = "Operating the projections; served only when an admin key is configured.",
    };

    static readonly Dictionary<string, string> HeaderDescriptions = new()
    {
        [ApiHeaders.ETag] = "The order's stream version as an entity tag, as \"3\" (the first event is version 0).",
        [ApiHeaders.Location] = "The address of what was created or started.",
        [ApiHeaders.RetryAfter] = "Seconds to wait before trying again.",
        [ApiHeaders.IfMatch] = "Apply the command only if the order is at this version, as \"3\"; else 412.",
        [AdminEndpoints.KeyHeader] = "The configured admin key.",
    };

    public static IServiceCollection AddOrdersOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer((schema, context, _) =>
            {
                DescribeProperty(schema, context);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeOperationAsync);
            options.AddDocumentTransformer(async (document, _, ct) =>
            {
                Describe(document);
                await RemoveUnusedSchemasAsync(document, ct);
            });
        });

    static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Orders",
            Version = "v1",
            Description = "An event-sourced order service. Commands answer the order's id and its new version " +
                          "(also as ETag); queries read the read models, and GET with minVersion waits for a version " +
                          "a command answered. Every error is an RFC 9457 problem with a stable code.",
        };
        document.Servers = [];
        document.Tags = Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }).ToHashSet();
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();
        document.Components.Schemas[ValidationProblemSchema] = new OpenApiSchema
        {
            Description = "A validation_failed problem: errors names each failing field by its JSON path.",
            AllOf = [new OpenApiSchemaReference(ProblemSchema, document)],
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "errors" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = Codes([ErrorCodes.ValidationFailed]),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Field (as shopItems[2].price) to what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            },
        };
    }

    /// <summary>
    /// What the generator cannot see: a property written by a converter of its own (the timestamps, as strings) and
    /// a property of a nullable object type (written as null).
    /// </summary>
    static void DescribeProperty(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var property = context.JsonPropertyInfo;
        if (property is null)
            return;
        if (property.CustomConverter is not null && schema.Type is null)
            schema.Type = JsonSchemaType.String;
        if (property.AttributeProvider is PropertyInfo info
            && new NullabilityInfoContext().Create(info).ReadState == NullabilityState.Nullable)
            schema.Type = (schema.Type ?? JsonSchemaType.Object) | JsonSchemaType.Null;
    }

    /// <summary>Drops the schemas no operation refers to (those of the generator's defaults that were replaced).</summary>
    static async Task RemoveUnusedSchemasAsync(OpenApiDocument document, CancellationToken ct)
    {
        while (true)
        {
            var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, ct);
            var unused = document.Components!.Schemas!.Keys
                .Where(name => !json.Contains($"\"#/components/schemas/{name}\"", StringComparison.Ordinal))
                .ToList();
            if (unused.Count == 0)
                return;
            foreach (var name in unused)
                document.Components.Schemas.Remove(name);
        }
    }

    static OpenApiSchema Problem() => new()
    {
        Description = "An RFC 9457 problem. code is stable and names what went wrong; title and detail are for people.",
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "status", "title", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = Codes(ErrorCodes.All),
        },
    };

    static OpenApiSchema Codes(IEnumerable<string> codes) => new()
    {
        Type = JsonSchemaType.String,
        Enum = codes.Distinct().Select(code => (JsonNode)JsonValue.Create(code)).ToList(),
    };

    static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var declared = metadata.OfType<ApiAnswersAttribute>().LastOrDefault();
        if (declared is null)
            return;

        operation.Summary = metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary ?? operation.Summary;
        operation.Description = metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description ?? operation.Description;
        var tags = metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags).Distinct().ToList();
        if (tags.Count > 0)
            operation.Tags = tags.Select(tag => new OpenApiTagReference(tag, context.Document)).ToHashSet();

        foreach (var header in declared.RequestHeaders)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header,
                In = ParameterLocation.Header,
                Description = HeaderDescriptions[header],
                Required = header == AdminEndpoints.KeyHeader,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        var example = metadata.OfType<ApiRequestExampleAttribute>().LastOrDefault();
        if (example is not null && operation.RequestBody?.Content is { } content)
            foreach (var media in content.Values)
                media.Example = JsonNode.Parse(example.Json);

        operation.Responses = new OpenApiResponses();
        foreach (var answer in declared.Answers)
            operation.Responses[answer.Status.ToString(CultureInfo.InvariantCulture)] = await ResponseAsync(answer, context, ct);
    }

    static async Task<OpenApiResponse> ResponseAsync(ApiAnswer answer, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var response = new OpenApiResponse { Description = answer.Description };
        if (answer.IsProblem)
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = ProblemOf(answer.Codes!, context.Document!) },
            };
        else if (answer.Body is not null)
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await SchemaAsync(answer.Body, context, ct) },
            };

        if (answer.Headers is { Count: > 0 } headers)
            response.Headers = headers.ToDictionary(
                header => header,
                header => (IOpenApiHeader)new OpenApiHeader
                {
                    Description = HeaderDescriptions[header],
                    // Sent with every such answer, except a 412's ETag, which only an existing order has.
                    Required = !(header == ApiHeaders.ETag && answer.IsProblem),
                    Schema = new OpenApiSchema { Type = header == ApiHeaders.RetryAfter ? JsonSchemaType.Integer : JsonSchemaType.String },
                });
        return response;
    }

    /// <summary>The problem schema, its <c>code</c> narrowed to <paramref name="codes"/>.</summary>
    static IOpenApiSchema ProblemOf(IReadOnlyList<string> codes, OpenApiDocument document)
    {
        var others = codes.Where(code => code != ErrorCodes.ValidationFailed).ToList();
        var narrowed = new OpenApiSchema
        {
            AllOf = [new OpenApiSchemaReference(ProblemSchema, document)],
            Properties = new Dictionary<string, IOpenApiSchema> { ["code"] = Codes(others) },
        };
        if (others.Count == codes.Count)
            return narrowed;
        var validation = new OpenApiSchemaReference(ValidationProblemSchema, document);
        return others.Count == 0 ? validation : new OpenApiSchema { AnyOf = [validation, narrowed] };
    }

    /// <summary>The body type's schema, kept once among the document's components under the type's name.</summary>
    static async Task<IOpenApiSchema> SchemaAsync(Type body, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (body.IsArray)
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = await SchemaAsync(body.GetElementType()!, context, ct) };
        var schema = await context.GetOrCreateSchemaAsync(body, null, ct);
        context.Document!.AddComponent(body.Name, schema);
        return new OpenApiSchemaReference(body.Name, context.Document);
    }
}

/// <summary>An example request body for the OpenAPI document, as JSON.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiRequestExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}

/// <summary>Example bodies, shared by the routes that take the same fields.</summary>
public static class ApiExamples
{
    public const string ShopItems =
        """[{"id": "sku-1", "title": "Woolly jumper", "description": "Merino, navy", "quantity": 2, "price": 49.90}]""";

    public const string CreateOrder =
        """{"shopItems": """ + ShopItems + """, "accountEmail": "alice@example.com", "deliveryAddress": "1 Main St, Springfield"}""";

    public const string UpdateShoppingCart = """{"shopItems": """ + ShopItems + "}";

    public const string PayOrder = """{"paymentId": "pay-7f3a", "timestamp": "2024-05-01T10:00:00Z"}""";

    public const string ChangeDeliveryAddress = """{"deliveryAddress": "2 High St, Shelbyville"}""";

    public const string CancelOrder = """{"cancelReason": "Ordered the wrong size"}""";

    public const string CompleteOrder = """{"deliveryTimestamp": "2024-05-03T16:30:00Z"}""";
}
