using System.Globalization;
using System.Text;
using Orders.Projections.Documents;

namespace Orders.Projections.Sqlite;

/// <summary>
/// How the search index's full-text column is written and queried. Every title and description becomes its own
/// run of words, split by a token nobody types, so that a phrase never matches across two of them (as
/// Elasticsearch keeps a gap between the values of an array).
/// </summary>
public static class SearchText
{
    /// <summary>A private-use character: FTS5's unicode61 tokenizer keeps it as a word of its own.</summary>
    const char Gap = '\uE000';

    public static string Of(OrderDocument document)
    {
        var text = new StringBuilder();
        foreach (var item in document.ShopItems)
            text.Append(item.Title).Append(' ').Append(Gap).Append(' ').Append(item.Description).Append(' ').Append(Gap).Append(' ');
        return text.ToString();
    }

    /// <summary>
    /// The FTS5 query for the words of <paramref name="text"/> in order, the last one a prefix
    /// (<c>match_phrase_prefix</c>). The text is one quoted FTS5 string, so no character of it is query syntax.
    /// Null when the text has no word at all: such a search matches nothing.
    /// </summary>
    public static string? PhrasePrefix(string text)
    {
        var words = text.Replace(Gap, ' ');
        return words.Any(IsWordCharacter) ? $"\"{words.Replace("\"", "\"\"", StringComparison.Ordinal)}\" *" : null;
    }

    /// <summary>The characters the unicode61 tokenizer keeps in words: letters, digits and private-use characters.</summary>
    static bool IsWordCharacter(char c) =>
        char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.PrivateUse => true,
            _ => false,
        };
}
