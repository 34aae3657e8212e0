namespace Orders.Decider;

/// <summary>A rejection the domain expects: a value with a stable code, never an exception.</summary>
public sealed record OrderError(string Code, string Message)
{
    public static readonly OrderError NotFound = new("order_not_found", "The order does not exist.");
    public static readonly OrderError AlreadyExists = new("order_already_exists", "The order already exists.");
    public static readonly OrderError AlreadyPaid = new("order_already_paid", "The order has already been paid.");
    public static readonly OrderError Canceled = new("order_canceled", "The order has been canceled.");
    public static readonly OrderError Completed = new("order_completed", "The order has been completed.");
    public static readonly OrderError NotPaid = new("order_not_paid", "The order has not been paid.");
    public static readonly OrderError NotSubmitted = new("order_not_submitted", "The order has not been submitted.");

    /// <summary>Every rejection, for documents that list them (declared last: statics initialise in order).</summary>
    public static IReadOnlyList<OrderError> All { get; } =
        [NotFound, AlreadyExists, AlreadyPaid, Canceled, Completed, NotPaid, NotSubmitted];
}
