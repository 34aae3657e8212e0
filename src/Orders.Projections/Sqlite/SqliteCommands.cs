using Microsoft.Data.Sqlite;

namespace Orders.Projections.Sqlite;

static class SqliteCommands
{
    public static SqliteCommand Of(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public static SqliteCommand Of(SqliteTransaction transaction, string sql)
    {
        var command = Of(transaction.Connection!, sql);
        command.Transaction = transaction;
        return command;
    }
}
