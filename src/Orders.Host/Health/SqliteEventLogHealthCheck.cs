using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orders.Host.Health;

/// <summary>
/// Opens the embedded event log without creating it and reads its table: a deleted, unreadable or foreign file
/// makes the host unready instead of silently starting an empty log. Unpooled, so each probe opens the file anew
/// instead of reusing a handle that outlives it.
/// </summary>
public sealed class SqliteEventLogHealthCheck(string path) : IHealthCheck
{
    readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = false,
        DefaultTimeout = (int)HealthRegistration.ProbeTimeout.TotalSeconds,
    }.ToString();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM events LIMIT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("SQLite event log readable");
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy("SQLite event log unreadable: " + ex.Message, ex);
        }
    }
}
