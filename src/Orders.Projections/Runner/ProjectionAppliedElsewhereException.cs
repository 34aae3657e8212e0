namespace Orders.Projections.Runner;

/// <summary>
/// A replay, skip or rebuild asked of an instance that does not apply the projection now: another instance holds its
/// lease and writes its read model, and two writers would race.
/// </summary>
public sealed class ProjectionAppliedElsewhereException(string projection, string instance)
    : InvalidOperationException($"{projection} is applied by the instance that holds its lease, not by this one ({instance}); ask that instance (its id is in the projection status).")
{
    public string Projection { get; } = projection;
}
