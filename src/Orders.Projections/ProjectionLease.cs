namespace Orders.Projections;

/// <summary>
/// Which instance applies a projection's events, and until when. Kept in the projection's store beside its
/// checkpoint, taken and renewed with a compare-and-set on (holder, expiry), so that two instances never hold it at once.
/// </summary>
public sealed record ProjectionLease(string Holder, DateTimeOffset Expires);
