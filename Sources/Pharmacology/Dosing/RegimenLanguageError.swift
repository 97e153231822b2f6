/// A regimen text that cannot be read or built (see `RegimenLanguage`): where the problem is, the
/// text found there and a message saying what is wrong and what is expected.
///
/// ```
/// column 14: expected a duration such as 180d after 'for', found the end of the text
/// column 9: unknown route: expected po (oral), ip (intraperitoneal), iv (bolus), or iv over 2h /
/// infusion over 2h (zero-order infusion into the central compartment), found 'sc'
/// ```
///
/// Callers that read the regimen from a file or an option add their own prefix (file, line, field)
/// to `description`.
public struct RegimenSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem starts: the 1-based character position in the regimen text (every
    /// character counts, spaces and line breaks included). A problem at the end of the text (a
    /// phase cut short) is at `text.count + 1`.
    public var column: Int
    /// The text found there, as written (e.g. `"sc"`, `"-5mg"`, `"q48h"` or a whole phase), or
    /// `""` at the end of the text.
    public var found: String
    /// The complete explanation: what is wrong and what is expected, ending with what was found,
    /// e.g. `"expected a duration such as 180d after 'for', found 'x'"`.
    public var message: String

    /// An error at `column` (1-based) where `found` was read, explained by `message`.
    public init(column: Int, found: String, message: String) {
        self.column = column
        self.found = found
        self.message = message
    }

    /// `"column <column>: <message>"`.
    public var description: String { "column \(column): \(message)" }
}
