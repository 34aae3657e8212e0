using Microsoft.Data.Sqlite;
using Orders.Projections.Documents;

namespace Orders.Projections.Sqlite;

/// <summary>The order documents in the read-model file: the store the runner writes and the queries GET reads.</summary>
public sealed class SqliteOrderDocumentStore(SqliteReadModelFile file)
    : SqliteProjectionStore<OrderDocument>(file, OrderDocumentProjection.Instance.Name, "order_documents", ReadModelJson.Default.OrderDocument),
      IOrderQueries
{
    public Task<OrderDocument?> GetAsync(Guid orderId, CancellationToken ct = default)
    {
        using var connection = File.Open();
        using var command = Command(connection, "SELECT body FROM order_documents WHERE id = $id");
        command.Parameters.AddWithValue("$id", Key(orderId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Deserialize(reader.GetFieldValue<byte[]>(0)) : null);
    }

    protected override void Write(SqliteTransaction transaction, IReadOnlyCollection<OrderDocument> documents)
    {
        using var command = Command(transaction, """
            INSERT INTO order_documents (id, version, body) VALUES ($id, $version, $body)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body
            WHERE excluded.version > order_documents.version
            """);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var version = command.Parameters.Add("$version", SqliteType.Integer);
        var body = command.Parameters.Add("$body", SqliteType.Blob);
        foreach (var document in documents)
        {
            id.Value = Key(document.OrderId);
            version.Value = document.Version;
            body.Value = Serialize(document);
            command.ExecuteNonQuery();
        }
    }

    protected override void Clear(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "DELETE FROM order_documents");
        command.ExecuteNonQuery();
    }
}
