using System.Runtime.CompilerServices;
using System.Text;

namespace Orders.Decider.Tests.Serialization;

/// <summary>
/// Snapshots kept as <c>Snapshots/&lt;name&gt;.approved.json</c> beside the test that writes them. A mismatch leaves a
/// <c>.received.json</c> next to it and fails with the first differing line; <c>ORDERS_ACCEPT_SNAPSHOTS=1</c> approves
/// what was received instead.
/// </summary>
public static class ApprovedFile
{
    const string AcceptVariable = "ORDERS_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual, [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var approvedPath = Path.Combine(folder, $"{name}.approved.json");
        var receivedPath = Path.Combine(folder, $"{name}.received.json");
        var received = actual + "\n";
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;

        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, received);
        Assert.Fail(approved is null
            ? $"No approved snapshot {approvedPath}.\nReceived:\n{received}\nRun with {AcceptVariable}=1 to approve it."
            : $"Snapshot {approvedPath} differs.\n{Difference(approved, received)}\nRun with {AcceptVariable}=1 to approve the received file.");
    }

    /// <summary>The first differing line of both, with a caret under the first differing character.</summary>
    static string Difference(string approved, string received)
    {
        var expectedLines = approved.Split('\n');
        var actualLines = received.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
            line++;
        var expected = line < expectedLines.Length ? expectedLines[line] : "(end of file)";
        var actual = line < actualLines.Length ? actualLines[line] : "(end of file)";
        var column = 0;
        while (column < expected.Length && column < actual.Length && expected[column] == actual[column])
            column++;
        return new StringBuilder()
            .AppendLine($"line {line + 1}, column {column + 1}:")
            .AppendLine($"  approved: {expected}")
            .AppendLine($"  received: {actual}")
            .Append($"            {new string(' ', column)}^")
            .ToString();
    }
}
