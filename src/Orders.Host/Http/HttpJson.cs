using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orders.Host.Http;

/// <summary>camelCase out, any case in (so the original's <c>paymentID</c> binds), numbers only as numbers.</summary>
public static class HttpJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
