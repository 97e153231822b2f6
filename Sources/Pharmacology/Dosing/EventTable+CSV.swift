// Splits the text of an event table into records of fields: the CSV dialects real datasets come
// in (RFC 4180 quoting, comma, tab, semicolon or NONMEM's blanks), comment lines, and the line and
// column of every field for messages.

/// How the fields of an event table are separated.
public enum EventTableSeparator: String, CaseIterable, Sendable {
    /// `,` (CSV, RFC 4180; R's `write.csv`, most tools).
    case comma
    /// One tab per field boundary (TSV): two tabs in a row leave an empty field.
    case tab
    /// `;` (spreadsheets in locales where the comma is the decimal mark).
    case semicolon
    /// One or more blanks or tabs, as NONMEM reads a data file: runs count as one separator.
    case blank

    /// The separator's name and character, for messages: `comma (",")`.
    var described: String {
        switch self {
        case .comma: return "comma (\",\")"
        case .tab: return "tab"
        case .semicolon: return "semicolon (\";\")"
        case .blank: return "blanks (spaces or tabs)"
        }
    }

    /// The separator of a header line: a comma if it has one outside quotes, else a semicolon,
    /// else a tab, else blanks.
    static func detect(in header: [UInt8]) -> EventTableSeparator {
        var quoted = false
        var seen: Set<UInt8> = []
        for byte in header {
            if byte == UInt8(ascii: "\"") { quoted.toggle() } else if !quoted { seen.insert(byte) }
        }
        if seen.contains(UInt8(ascii: ",")) { return .comma }
        if seen.contains(UInt8(ascii: ";")) { return .semicolon }
        if seen.contains(UInt8(ascii: "\t")) { return .tab }
        return .blank
    }
}

/// One record (a logical line) of the table: its 1-based line number, its fields without
/// surrounding blanks and with RFC 4180 quotes removed, and each field's 1-based line.
struct EventTableRecord {
    var line: Int
    var fields: [String]
    /// Problems found while splitting (an unterminated quote, text after a closing quote, a NUL).
    var problems: [(column: Int?, message: String)]
}

/// Splits bytes into records. Quoted fields (`"…"`, with `""` for a quote) may hold the separator
/// and line breaks; a field is quoted only if its first non-blank character is a quote.
struct EventTableSplitter {
    let bytes: [UInt8]
    let separator: EventTableSeparator
    private var position = 0
    /// The line the next record starts on.
    private(set) var line = 1

    init(bytes: [UInt8], separator: EventTableSeparator, position: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.separator = separator
        self.position = position
        self.line = line
    }

    private static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    private func isSeparator(_ b: UInt8) -> Bool {
        switch separator {
        case .comma: return b == UInt8(ascii: ",")
        case .semicolon: return b == UInt8(ascii: ";")
        case .tab: return b == Self.tab
        case .blank: return b == Self.space || b == Self.tab
        }
    }

    var atEnd: Bool { position >= bytes.count }

    /// The raw bytes of the next physical line (for header detection), without consuming it.
    func peekLine() -> [UInt8] {
        var end = position
        while end < bytes.count, bytes[end] != Self.lf, bytes[end] != Self.cr { end += 1 }
        return Array(bytes[position..<end])
    }

    /// Skips the next physical line.
    mutating func skipLine() {
        while position < bytes.count, bytes[position] != Self.lf, bytes[position] != Self.cr { position += 1 }
        consumeLineBreak()
    }

    private mutating func consumeLineBreak() {
        guard position < bytes.count else { return }
        if bytes[position] == Self.cr {
            position += 1
            if position < bytes.count, bytes[position] == Self.lf { position += 1 }
        } else if bytes[position] == Self.lf {
            position += 1
        }
        line += 1
    }

    /// The next record; call only when not `atEnd`.
    mutating func next() -> EventTableRecord {
        var record = EventTableRecord(line: line, fields: [], problems: [])
        var field: [UInt8] = []
        var column = 1
        func text(_ f: [UInt8]) -> String { String(decoding: f, as: UTF8.self) }
        func atLineEnd(_ p: Int) -> Bool { p >= bytes.count || bytes[p] == Self.lf || bytes[p] == Self.cr }

        // Blank separation: leading blanks are not an empty first field.
        if separator == .blank { while position < bytes.count, isSeparator(bytes[position]) { position += 1 } }
        while true {
            // One field: skip leading blanks, then a quoted or plain field.
            while position < bytes.count, bytes[position] == Self.space || (bytes[position] == Self.tab && !isSeparator(Self.tab)) {
                position += 1
            }
            field.removeAll(keepingCapacity: true)
            if position < bytes.count, bytes[position] == Self.quote {
                position += 1
                var closed = false
                while position < bytes.count {
                    let b = bytes[position]
                    if b == Self.quote {
                        if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                            field.append(Self.quote)
                            position += 2
                            continue
                        }
                        position += 1
                        closed = true
                        break
                    }
                    if b == Self.cr || b == Self.lf {
                        consumeLineBreak()  // a line break inside quotes is part of the field
                        field.append(Self.lf)
                        continue
                    }
                    field.append(b)
                    position += 1
                }
                if !closed {
                    record.problems.append((column, "the quoted field never closes; expected a closing \" (write a quote "
                                            + "inside a quoted field as \"\")"))
                }
                // Only blanks may follow the closing quote before the separator or the line end.
                var trailing: [UInt8] = []
                while position < bytes.count, !isSeparator(bytes[position]), !atLineEnd(position) {
                    trailing.append(bytes[position])
                    position += 1
                }
                if trailing.contains(where: { $0 != Self.space && $0 != Self.tab }) {
                    record.problems.append((column, "text \"\(text(trailing))\" after the closing quote of \"\(text(field))\"; "
                                            + "expected the separator (\(separator.described)) or the end of the line"))
                }
            } else {
                while position < bytes.count, !isSeparator(bytes[position]), !atLineEnd(position) {
                    field.append(bytes[position])
                    position += 1
                }
                while let last = field.last, last == Self.space || last == Self.tab { field.removeLast() }
            }
            if field.contains(0) {
                record.problems.append((column, "the field holds a NUL byte (binary data); expected text"))
            }
            record.fields.append(text(field))
            column += 1
            if atLineEnd(position) { break }
            position += 1  // the separator
            if separator == .blank {
                while position < bytes.count, isSeparator(bytes[position]) { position += 1 }
                if atLineEnd(position) { break }  // trailing blanks end the line
            }
        }
        consumeLineBreak()
        return record
    }
}
