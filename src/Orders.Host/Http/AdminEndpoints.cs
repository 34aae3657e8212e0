using System.Security.Cryptography;
using System.Text;
using Orders.Projections;
using Orders.Projections.Runner;

namespace Orders.Host.Http;

/// <summary>
/// Operating the projections: status and lag, parked events, replay, skip and rebuild. Served only when
/// <c>Orders:Admin:ApiKey</c> is set, and only to requests that send it in <c>X-Admin-Key</c>; the operator's page
/// that drives them is served beside them.
/// </summary>
public static class AdminEndpoints
{
    public const string KeyHeader = "X-Admin-Key";

    public static void MapOrdersAdmin(this WebApplication app, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
            return;
        app.MapOperatorPage();
        var admin = app.MapGroup("/admin/projections")
            .AddEndpointFilter(RequireKey(Encoding.UTF8.GetBytes(apiKey)))
            .WithTags("Admin");

        admin.MapGet("", async (ProjectionRunner runner, CancellationToken ct) => Results.Ok(await runner.GetStatusAsync(ct)))
            .WithName("GetProjectionStatus")
            .WithSummary("Projection status")
            .WithDescription("Each projection's checkpoint, events and seconds behind, and parked count; the runner's last error.")
            .WithMetadata(AdminAnswersAttribute.Returning<ProjectionRunnerStatus>("The status of every projection."));

        admin.MapGet("/parked", async (string? projection, ProjectionRunner runner, CancellationToken ct) =>
            Results.Ok(await runner.ListParkedAsync(projection, ct)))
            .WithName("ListParkedEvents")
            .WithSummary("Parked events")
            .WithDescription("Events a projection could not apply, with their error and attempts, and the events held behind them; of one projection when named.")
            .WithMetadata(AdminAnswersAttribute.Returning<ParkedEvent[]>("The parked events."));

        admin.MapPost("/{projection}/streams/{streamId}/replay", (string projection, string streamId, ProjectionRunner runner, CancellationToken ct) =>
            Known(projection, runner, async () => Results.Ok(await runner.ReplayAsync(projection, streamId, ct))))
            .WithName("ReplayParkedEvents")
            .WithSummary("Replay a stream's parked events")
            .WithDescription("Applies the stream's parked events again; on success the events held behind them follow.")
            .WithMetadata(AdminAnswersAttribute.Returning<ReleaseOutcome>("How many events were released, and what is still parked.", namesProjection: true));

        admin.MapPost("/{projection}/streams/{streamId}/skip/{version:long}", (string projection, string streamId, long version, ProjectionRunner runner, CancellationToken ct) =>
            Known(projection, runner, async () => Results.Ok(await runner.SkipAsync(projection, streamId, version, ct))))
            .WithName("SkipParkedEvent")
            .WithSummary("Skip a parked event")
            .WithDescription("Drops one parked event for good; the events held behind it follow.")
            .WithMetadata(AdminAnswersAttribute.Returning<ReleaseOutcome>("How many events were released, and what is still parked.", namesProjection: true));

        admin.MapPost("/{projection}/rebuild", (string projection, ProjectionRunner runner, CancellationToken ct) =>
            Known(projection, runner, async () =>
            {
                await runner.RebuildAsync(projection, ct);
                return Results.Accepted("/admin/projections");
            }))
            .WithName("RebuildProjection")
            .WithSummary("Rebuild a projection")
            .WithDescription("Forgets the projection's documents and replays the whole log into it; progress shows in the status.")
            .WithMetadata(AdminAnswersAttribute.Accepted("The rebuild has started; Location is the status to follow."));
    }

    static async Task<IResult> Known(string projection, ProjectionRunner runner, Func<Task<IResult>> action)
    {
        if (!runner.Projections.Contains(projection))
            return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.ProjectionNotFound,
                $"There is no projection named '{projection}'; there are: {string.Join(", ", runner.Projections)}.");
        try
        {
            return await action();
        }
        catch (ProjectionAppliedElsewhereException elsewhere)
        {
            return ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.ProjectionAppliedElsewhere, elsewhere.Message);
        }
    }

    static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> RequireKey(byte[] key) =>
        async (context, next) =>
        {
            var sent = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[KeyHeader].ToString());
            if (!CryptographicOperations.FixedTimeEquals(sent, key))
                return ProblemResults.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.AdminKeyRequired,
                    $"The admin endpoints need the configured key in {KeyHeader}.");
            return await next(context);
        };
}
