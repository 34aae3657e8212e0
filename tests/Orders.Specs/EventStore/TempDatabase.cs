namespace Orders.Specs.EventStore;

/// <summary>A database path inside a folder that does not exist yet, and the removal of that folder afterwards.</summary>
internal sealed class TempDatabase
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orders-specs", Guid.NewGuid().ToString("N"));

    public string Folder => Path.Combine(_root, "data");

    public string FilePath => Path.Combine(Folder, "orders.db");

    public void Delete()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
