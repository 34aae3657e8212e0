using System.Runtime.CompilerServices;
using Xunit;

namespace Orders.Testing;

/// <summary>
/// The one snapshot approver of the tests. Snapshot files beside the specs that take them: <c>__snapshots__/NAME.approved.json</c>. A mismatch writes what was received
/// to <c>__snapshots__/__mismatch__/</c> and fails with the first differing lines; run with
/// <c>ORDERS_ACCEPT_SNAPSHOTS=1</c> to accept what the code now produces.
/// </summary>
public static class ApprovedFile
{
    public static void Verify(string actual, string name, [CallerFilePath] string sourceFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(sourceFile)!, "__snapshots__");
        var approved = Path.Combine(folder, name + ".approved.json");
        var received = Path.Combine(folder, "__mismatch__", name + ".received.json");
        actual = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";

        if (Environment.GetEnvironmentVariable("ORDERS_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(approved, actual);
            return;
        }
        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : null;
        if (expected == actual)
            return;

        Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No approved snapshot {approved}; review {received} and accept it with ORDERS_ACCEPT_SNAPSHOTS=1."
            : $"{name} differs from {approved} (received: {received}):\n{FirstDifference(expected, actual)}");
    }

    static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var line = 0;
        while (line < want.Length && line < got.Length && want[line] == got[line])
            line++;
        string At(string[] lines, int i) => i < lines.Length ? lines[i] : "<end of file>";
        return $"line {line + 1}:\n- {At(want, line)}\n+ {At(got, line)}";
    }
}
