using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// How short calls ride out a node loss: retried with exponential, jittered pauses while the failure is one a
/// failover explains (the node went away, or named another leader), all within one time budget. Appends are
/// retried with the same event ids, which the server deduplicates.
/// </summary>
internal sealed record EventStoreDbRetry(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan Budget)
{
    public static EventStoreDbRetry For(EventStoreDbSettings settings) =>
        new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), settings.RetryBudget);

    public ResiliencePipeline Pipeline(TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = Budget })
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<EventStoreDbException>(error => error.Failure.IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                // A node that names the leader is followed at once; only a lost node needs time to be replaced.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is EventStoreDbException { Failure: EventStoreDbFailure.NotLeader { LeaderHost: not null } }
                    && args.AttemptNumber < 2
                        ? TimeSpan.Zero
                        : null),
                OnRetry = args =>
                {
                    logger.LogWarning("EventStoreDB call failed ({Failure}), attempt {Attempt}; retrying in {Pause}",
                        (args.Outcome.Exception as EventStoreDbException)?.Failure, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>The pause before a subscription's <paramref name="attempt"/>-th reconnection (1-based), doubling to the cap.</summary>
    public TimeSpan Pause(int attempt) =>
        TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 30)), MaxDelay.Ticks));
}
