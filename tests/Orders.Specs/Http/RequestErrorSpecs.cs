using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Orders.Specs.Http;

/// <summary>Mistakes in the request itself: each gets its status and a problem body, never a 500.</summary>
[Collection(OrdersHostCollection.Name)]
public sealed class RequestErrorSpecs(OrdersHost service)
{
    [Theory]
    [InlineData("{\"shopItems\": [", "malformed_request")]
    [InlineData("{\"shopItems\": [{\"quantity\": \"many\"}]}", "malformed_request")]
    [InlineData("{\"shopItems\": [{\"quantity\": 1.5}]}", "malformed_request")]
    public async Task A_body_that_is_not_the_expected_JSON_answers_400(string json, string code)
    {
        var (status, problem) = await PostAsync("/api/v1/orders", json, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, problem.Code);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_answers_415()
    {
        var (status, problem) = await PostAsync("/api/v1/orders", "shopItems=1", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("unsupported_media_type", problem.Code);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_answers_413()
    {
        var json = "{\"accountEmail\":\"" + new string('a', 1024 * 1024) + "\"}";

        var (status, problem) = await PostAsync("/api/v1/orders", json, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("payload_too_large", problem.Code);
    }

    [Fact]
    public async Task A_missing_body_answers_400()
    {
        var (status, _) = await PostAsync("/api/v1/orders", null, null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_null_body_names_every_missing_field()
    {
        var (status, problem) = await PostAsync("/api/v1/orders", "null", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("validation_failed", problem.Code);
    }

    [Fact]
    public async Task A_chunked_body_over_one_mebibyte_answers_413()
    {
        using var client = service.Host.Server.CreateClient();
        var json = "{\"accountEmail\":\"" + new string('a', 1024 * 1024) + "\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("payload_too_large", await response.Content.ReadAsStringAsync());
    }

    async Task<(HttpStatusCode Status, Problem Problem)> PostAsync(string url, string? body, string? contentType)
    {
        using var client = service.Host.Server.CreateClient();
        using var content = body is null ? null : new StringContent(body, Encoding.UTF8);
        if (content is not null)
            content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync(url, content);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<Problem>(
            await response.Content.ReadAsStringAsync(), Web)!;
        return (response.StatusCode, problem);
    }

    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
