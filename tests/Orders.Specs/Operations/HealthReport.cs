using System.Text.Json;
using Alba;

namespace Orders.Specs.Operations;

/// <summary>The body of <c>/health/live</c> and <c>/health/ready</c>.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<HealthEntry> Checks)
{
    public static async Task<HealthReport> ReadAsync(IScenarioResult result)
    {
        Assert.Equal("application/json; charset=utf-8", result.Context.Response.ContentType);
        return JsonSerializer.Deserialize<HealthReport>(await result.ReadAsTextAsync(), Web)!;
    }

    public HealthEntry Check(string name) => Assert.Single(Checks, c => c.Name == name);

    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

public sealed record HealthEntry(string Name, string Status, string? Description);

public static class HealthRequests
{
    public static async Task<HealthReport> HealthAsync(this IAlbaHost host, string path, int expectedStatus) =>
        await HealthReport.ReadAsync(await host.Scenario(s =>
        {
            s.Get.Url(path);
            s.StatusCodeShouldBe(expectedStatus);
        }));
}
