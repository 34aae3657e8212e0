using System.Globalization;
using System.Text;

namespace Orders.Decider.Serialization;

/// <summary>
/// Timestamps as the original service's JSON carries them: RFC 3339 with up to nine fraction digits, trailing zeros
/// trimmed, and <c>Z</c> for a zero offset (Go's <c>time.RFC3339Nano</c>). .NET keeps 100 ns ticks, so digits past the
/// seventh are read and dropped.
/// </summary>
public static class GoTime
{
    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not an RFC 3339 timestamp.");

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var fraction = text.IndexOf('.', StringComparison.Ordinal);
        if (fraction >= 0)
        {
            var end = fraction + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            var digits = end - fraction - 1;
            if (digits is 0 or > 9)
                return false;
            if (digits > 7)
                text = string.Concat(text.AsSpan(0, fraction + 8), text.AsSpan(end));
        }
        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>
    /// The offset is required, as in RFC 3339: <c>Z</c> or <c>±hh:mm</c>. (The <c>K</c> specifier would also accept none
    /// and read the time in the reading machine's zone.)
    /// </summary>
    static readonly string[] Formats =
    [
        "yyyy-MM-ddTHH:mm:ss'Z'",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-ddTHH:mm:sszzz",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
    ];

    public static string Format(DateTimeOffset value)
    {
        var text = new StringBuilder(35);
        text.Append(value.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        var ticks = value.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0)
            text.Append('.').Append(ticks.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        if (value.Offset == TimeSpan.Zero)
            text.Append('Z');
        else
            text.Append(value.ToString("zzz", CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
