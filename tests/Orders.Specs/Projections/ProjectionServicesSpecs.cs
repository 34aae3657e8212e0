using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Runner;
using Orders.Projections.Search;

namespace Orders.Specs.Projections;

public sealed class ProjectionServicesSpecs
{
    [Fact]
    public async Task A_host_wired_with_the_sqlite_read_models_serves_the_projected_orders()
    {
        var folder = Path.Combine(Path.GetTempPath(), "orders-services-" + Guid.NewGuid().ToString("N"));
        var log = new InMemoryEventStore();
        log.RecordAll(SeedFixtures.Events());
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IEventStore>(log)
            .AddSqliteReadModels(Path.Combine(folder, "orders.read.db"), Path.Combine(folder, "orders.search.db"))
            .AddProjectionRunner(new ProjectionRunnerOptions { BatchWindow = TimeSpan.FromMilliseconds(1) });

        await using (var provider = services.BuildServiceProvider())
        {
            var hosted = provider.GetServices<IHostedService>().Single();
            await hosted.StartAsync(CancellationToken.None);
            var alice = Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40");

            Assert.True(await provider.GetRequiredService<ProjectionRunner>().WaitForVersionAsync(alice, 5, TimeSpan.FromSeconds(10)));
            Assert.Equal("completed", (await provider.GetRequiredService<IOrderQueries>().GetAsync(alice))?.Status);
            var search = provider.GetRequiredService<ISearchQueries>();
            Assert.Equal(3, (await search.SearchAsync(null, SearchPage.First)).TotalCount);
            Assert.Equal("carol@example.net", Assert.Single((await search.SearchAsync("coffee be", SearchPage.First)).Orders).AccountEmail);
            await hosted.StopAsync(CancellationToken.None);
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
