using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using Wolverine;
using static Orders.Specs.Http.OrderRequests;

namespace Orders.Specs.Http;

/// <summary>
/// Two hosts over one event log and one set of read models, as two instances behind a load balancer
/// (<c>Orders:Projections:Runner=Lease</c>): the first applies the projections, the second only answers.
/// </summary>
public sealed class SharedReadModelHostSpecs : IAsyncLifetime
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "orders-shared-" + Guid.NewGuid().ToString("N"));
    IAlbaHost _writer = null!;
    IAlbaHost _reader = null!;

    Task<IAlbaHost> StartAsync(string instance) =>
        AlbaHost.For<Program>(web =>
        {
            web.UseSetting("Orders:Storage:Path", Path.Combine(_folder, "orders.db"));
            web.UseSetting("Orders:Admin:ApiKey", OrdersHost.AdminKey);
            web.UseSetting("Orders:InstanceId", instance);
            web.UseSetting("Orders:Projections:Runner", "Lease");
            web.UseSetting("Orders:Projections:LeaseSeconds", "3");
            web.ConfigureServices(services => services.DisableAllExternalWolverineTransports());
        });

    public async Task InitializeAsync()
    {
        _writer = await StartAsync("instance-a");
        var runner = _writer.Services.GetRequiredService<ProjectionRunner>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!runner.Projections.All(runner.AppliesHere))
        {
            Assert.True(DateTime.UtcNow < deadline, "The first host did not take the leases.");
            await Task.Delay(10);
        }
        _reader = await StartAsync("instance-b");
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _writer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_read_for_a_version_written_through_one_host_is_answered_by_the_other_which_applies_nothing()
    {
        var answers = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var id = await _writer.CreateOrderAsync();
            var paid = await (await _writer.PayAsync(id, $"pay-{i}")).AnswerAsync();

            var read = await _reader.Scenario(s =>
            {
                s.Get.Url($"/api/v1/orders/{id}?minVersion={paid.Version}");
                s.IgnoreStatusCode();
            });

            answers.Add(read.Context.Response.StatusCode);
            if (read.Context.Response.StatusCode == 200)
                Assert.Equal("paid", (await read.ReadAsJsonAsync<OrderDocument>())!.Status);
        }

        Assert.Equal(Enumerable.Repeat(200, 10), answers);
        var readerRunner = _reader.Services.GetRequiredService<ProjectionRunner>();
        Assert.DoesNotContain(readerRunner.Projections, readerRunner.AppliesHere);
    }

    [Fact]
    public async Task The_status_names_the_instance_that_holds_each_lease_from_either_host()
    {
        foreach (var host in new[] { _writer, _reader })
        {
            var status = await (await host.Scenario(s =>
            {
                s.Get.Url("/admin/projections");
                s.WithRequestHeader("X-Admin-Key", OrdersHost.AdminKey);
            })).ReadAsJsonAsync<ProjectionRunnerStatus>();

            Assert.Equal("Lease", status!.Mode);
            Assert.All(status.Projections, p => Assert.Equal("instance-a", p.Lease?.Holder));
            Assert.All(status.Projections, p => Assert.Equal(host == _writer, p.AppliedHere));
        }
    }

    [Theory]
    [InlineData("/admin/projections/search/rebuild")]
    [InlineData("/admin/projections/order-documents/streams/order-0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40/replay")]
    [InlineData("/admin/projections/order-documents/streams/order-0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40/skip/2")]
    public async Task A_replay_skip_or_rebuild_asked_of_the_host_that_does_not_apply_the_projection_is_refused_with_409(string url)
    {
        var refused = await _reader.Scenario(s =>
        {
            s.Post.Url(url);
            s.WithRequestHeader("X-Admin-Key", OrdersHost.AdminKey);
            s.StatusCodeShouldBe(409);
        });

        var problem = await refused.ProblemAsync();
        Assert.Equal("projection_applied_elsewhere", problem.Code);
        Assert.Contains("instance-b", problem.Detail);
    }
}
