using Polly;
using Polly.Retry;

namespace Orders.EventStore.Resilience;

/// <summary>
/// How this service tries again, in one place: Polly retry pipelines with exponential back-off and jitter (so that
/// instances that failed together do not retry in step), timed by the given <see cref="TimeProvider"/>. A
/// cancellation is never retried.
/// </summary>
public static class Backoff
{
    /// <summary>
    /// Tries again until cancelled, pausing <paramref name="first"/> and then about twice as long each time, up to
    /// <paramref name="max"/>: for work that must outlive any outage, such as following the log or a broker connection.
    /// <paramref name="failed"/> hears of each failure and the pause before the next try.
    /// </summary>
    public static ResiliencePipeline Forever(TimeSpan first, TimeSpan max, TimeProvider time, Action<Exception, TimeSpan> failed) =>
        Pipeline(time, new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            Delay = first,
            MaxDelay = max,
            OnRetry = retry =>
            {
                failed(retry.Outcome.Exception!, retry.RetryDelay);
                return default;
            },
        });

    /// <summary>
    /// At most <paramref name="attempts"/> tries, pausing <paramref name="first"/> and then about twice as long each
    /// time; the last failure is thrown.
    /// </summary>
    public static ResiliencePipeline Attempts(int attempts, TimeSpan first, TimeProvider time) =>
        Pipeline(time, new RetryStrategyOptions { MaxRetryAttempts = attempts - 1, Delay = first });

    static ResiliencePipeline Pipeline(TimeProvider time, RetryStrategyOptions retry)
    {
        retry.ShouldHandle = new PredicateBuilder().Handle<Exception>(error => error is not OperationCanceledException);
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        return retry.MaxRetryAttempts == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(retry).Build();
    }
}
