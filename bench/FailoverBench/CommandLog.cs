using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Orders.Bench;

/// <summary>Every answer the writers received, when, and which commands were acknowledged for which order.</summary>
public sealed class CommandLog
{
    readonly ConcurrentQueue<(int Status, TimeSpan Started, TimeSpan Ended)> _answers = new();
    readonly ConcurrentDictionary<Guid, int> _acknowledged = new();

    public IReadOnlyDictionary<Guid, int> AcknowledgedCommands => _acknowledged;

    public void Answer(int status, TimeSpan started, TimeSpan ended) => _answers.Enqueue((status, started, ended));

    public void Acknowledged(Guid order) => _acknowledged.AddOrUpdate(order, 1, (_, count) => count + 1);

    /// <summary>
    /// Answers by status; the pause in writes (from the kill to the first acknowledged command sent after it); the
    /// longest any command waited; and the last acknowledged command before the kill, for scale.
    /// </summary>
    public string Report(TimeSpan killedAt)
    {
        var answers = _answers.ToList();
        var ok = answers.Where(a => a.Status is >= 200 and < 300).ToList();
        var firstAfter = ok.Where(a => a.Ended > killedAt).MinBy(a => a.Ended);
        var firstSentAfter = ok.Where(a => a.Started >= killedAt).MinBy(a => a.Ended);
        var longest = answers.MaxBy(a => a.Ended - a.Started);
        var completions = ok.Select(a => a.Ended).Where(t => t > killedAt - TimeSpan.FromSeconds(1)).Order().ToList();
        var pause = completions.Zip(completions.Skip(1), (earlier, later) => (Start: earlier, Length: later - earlier)).MaxBy(gap => gap.Length);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"commands answered: {answers.Count}");
        foreach (var group in answers.GroupBy(a => a.Status).OrderBy(g => g.Key))
            text.AppendLine(CultureInfo.InvariantCulture, $"  status {(group.Key == 0 ? "connection dropped" : group.Key)}: {group.Count()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"first acknowledged command completing after the kill: +{(firstAfter.Ended - killedAt).TotalMilliseconds:0} ms");
        text.AppendLine(CultureInfo.InvariantCulture, $"first acknowledged command sent after the kill: +{(firstSentAfter.Ended - killedAt).TotalMilliseconds:0} ms after the kill");
        text.AppendLine(CultureInfo.InvariantCulture, $"writes paused: {pause.Length.TotalMilliseconds:0} ms with no command acknowledged (from +{(pause.Start - killedAt).TotalMilliseconds:0} ms)");
        text.AppendLine(CultureInfo.InvariantCulture, $"longest command: {(longest.Ended - longest.Started).TotalMilliseconds:0} ms (status {longest.Status}, sent at +{(longest.Started - killedAt).TotalMilliseconds:0} ms from the kill)");
        var quiet = ok.Where(a => a.Ended < killedAt).Select(a => (a.Ended - a.Started).TotalMilliseconds).Order().ToList();
        if (quiet.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"before the kill: {quiet.Count} acknowledged, p50 {quiet[quiet.Count / 2]:0.0} ms, p99 {quiet[(int)(quiet.Count * 0.99)]:0.0} ms");
        return text.ToString();
    }
}
