using Orders.EventStore.Resilience;

namespace Orders.Specs.EventStore;

public sealed class BackoffSpecs
{
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(1);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Attempts_tries_that_many_times_and_then_throws_the_last_failure(int attempts)
    {
        var tries = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Backoff.Attempts(attempts, Short, TimeProvider.System).ExecuteAsync(_ => throw new InvalidOperationException($"try {++tries}")));

        Assert.Equal(attempts, tries);
        Assert.Equal($"try {attempts}", error.Message);
    }

    [Fact]
    public async Task A_cancellation_is_not_tried_again()
    {
        var tries = 0;

        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
            await Backoff.Attempts(3, Short, TimeProvider.System).ExecuteAsync(_ =>
            {
                tries++;
                throw new OperationCanceledException();
            }));

        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task Forever_tries_again_until_the_work_succeeds_pausing_no_longer_than_the_cap()
    {
        var max = TimeSpan.FromMilliseconds(8);
        var pauses = new List<TimeSpan>();
        var tries = 0;

        await Backoff.Forever(Short, max, TimeProvider.System, (_, pause) => pauses.Add(pause)).ExecuteAsync(_ =>
            ++tries < 10 ? throw new IOException("the broker went away") : ValueTask.CompletedTask);

        Assert.Equal(10, tries);
        Assert.Equal(9, pauses.Count);
        Assert.All(pauses, pause => Assert.InRange(pause, TimeSpan.Zero, max));
        Assert.Contains(pauses, pause => pause > Short);
    }
}
