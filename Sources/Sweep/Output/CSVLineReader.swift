import Foundation

/// Reads a text file line by line in 1 MiB chunks (so a trajectory file of any size streams) and
/// splits each line into CSV fields (RFC 4180 quotes; a quoted field cannot span lines).
struct CSVLineReader {
    let path: String
    let handle: FileHandle
    var buffer: [UInt8] = []
    var position = 0
    var finished = false
    /// 1-based number of the last line returned.
    private(set) var lineNumber = 0

    /// Opens `path`.
    /// - Throws: `InputError` (`.noInput`) if it cannot be opened.
    init(path: String) throws(InputError) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(.noInput, file: path, "cannot open the file (does it exist and is it readable?)")
        }
        self.handle = handle
    }

    /// The next line's fields, or `nil` at the end of the file. Blank lines are skipped.
    mutating func nextFields() throws(InputError) -> [Substring]? {
        while let line = try nextLine() {
            if line.allSatisfy({ $0 == " " }) { continue }
            return try Self.fields(of: line, file: path, line: lineNumber)
        }
        return nil
    }

    mutating func nextLine() throws(InputError) -> Substring? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                position = newline + 1
                lineNumber += 1
                return Substring(line)
            }
            if finished {
                guard position < buffer.count else { return nil }
                let line = String(decoding: buffer[position...], as: UTF8.self)
                position = buffer.count
                lineNumber += 1
                return Substring(line)
            }
            buffer.removeFirst(position)
            position = 0
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw InputError(.noInput, file: path, "cannot read the file: \(error.localizedDescription)")
            }
            if let chunk, !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { finished = true }
        }
    }

    /// The fields of one CSV line.
    static func fields(of line: Substring, file: String, line number: Int) throws(InputError) -> [Substring] {
        guard line.contains("\"") else { return line.split(separator: ",", omittingEmptySubsequences: false) }
        var fields: [Substring] = []
        var current = "", quoted = false, atStart = true
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex && line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "," {
                fields.append(Substring(current))
                current = ""
                atStart = true
                index = line.index(after: index)
                continue
            } else if c == "\"" && atStart {
                quoted = true
            } else {
                current.append(c)
            }
            atStart = false
            index = line.index(after: index)
        }
        if quoted { throw InputError(.data, file: file, line: number, "a quoted field is not closed on this line") }
        fields.append(Substring(current))
        return fields
    }
}

/// A small CSV file in memory as text fields: the header and the body rows (for showing a
/// summary in a report, whatever its columns).
public struct CSVTable: Sendable, Equatable {
    /// The header's fields.
    public var header: [String]
    /// Body rows (at most the `limit` asked for).
    public var rows: [[String]]
    /// Body rows in the file, counted past the limit.
    public var totalRows: Int

    /// Reads `path`, keeping at most `limit` body rows.
    /// - Throws: `InputError` (`.noInput` if unreadable, `.data` for an empty file or an unclosed quote).
    public static func read(path: String, limit: Int = .max) throws(InputError) -> CSVTable {
        var reader = try CSVLineReader(path: path)
        guard let header = try reader.nextFields() else { throw InputError(.data, file: path, "the file is empty: expected a CSV header") }
        var table = CSVTable(header: header.map(String.init), rows: [], totalRows: 0)
        while let fields = try reader.nextFields() {
            if table.rows.count < limit { table.rows.append(fields.map(String.init)) }
            table.totalRows += 1
        }
        return table
    }

    /// Parses CSV `text` (a header line and rows), e.g. rows a writer produced in memory.
    public static func parse(_ text: String) throws(InputError) -> CSVTable {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first else { return CSVTable(header: [], rows: [], totalRows: 0) }
        let header = try CSVLineReader.fields(of: first, file: "-", line: 1).map(String.init)
        var rows: [[String]] = []
        for (i, line) in lines.dropFirst().enumerated() {
            rows.append(try CSVLineReader.fields(of: line, file: "-", line: i + 2).map(String.init))
        }
        return CSVTable(header: header, rows: rows, totalRows: rows.count)
    }
}
