import Foundation

extension EventTableFile {
    /// The largest event table read by default, in bytes: 256 MiB.
    ///
    /// The table is parsed whole, and parsing takes about 20 bytes of memory per byte of table
    /// (measured: a 20 MB table of 21,592 individuals, 1.08 million rows, peaks at 430 MB resident
    /// in `benzosim validate`), so 256 MiB needs about 5.5 GB; 1 GiB would need more than this
    /// 23 GB machine has to spare. A large study table (100,000 individuals × 50 rows) is about
    /// 150 MB.
    public static let defaultMaxBytes = 256 << 20

    /// The environment variable that raises (or lowers) `defaultMaxBytes`.
    public static let maxBytesVariable = "BENZOSIM_EVENTS_MAX_BYTES"

    /// The size limit: `BENZOSIM_EVENTS_MAX_BYTES` from `environment`, or `defaultMaxBytes`.
    /// - Throws: `InputError` (`.usage`) for a value that is not a whole number ≥ 1.
    public static func maxBytes(environment: [String: String] = ProcessInfo.processInfo.environment) throws(InputError) -> Int {
        guard let text = environment[maxBytesVariable] else { return defaultMaxBytes }
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 else {
            throw InputError(.usage, field: maxBytesVariable, "\"\(text)\" is not a whole number ≥ 1 (bytes)")
        }
        return n
    }

    /// The text of the table at `path`, refused before it is parsed when larger than `maxBytes`
    /// (a regular file by its size, before reading; a pipe or device once that much has been read).
    /// - Throws: `.noInput` for an unreadable file, `.data` for a file over the limit or not UTF-8.
    static func readText(path: String, maxBytes: Int) throws(InputError) -> String {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maxBytes {
            throw sizeError(file: path, bytes: Int(info.st_size), maxBytes: maxBytes)
        }
        switch ScenarioFile.readText(path: path, maxBytes: maxBytes) {
        case .success(let text): return text
        case .failure(.unreadable(let reason)):
            throw InputError(.noInput, file: path, "cannot read the event table: \(reason)")
        case .failure(.notUTF8):
            throw InputError(.data, file: path, "the event table is not UTF-8 text")
        case .failure(.tooLarge):
            throw sizeError(file: path, bytes: nil, maxBytes: maxBytes)
        }
    }

    static func sizeError(file: String, bytes: Int?, maxBytes: Int) -> InputError {
        let size = bytes.map { "is \(RunBudget.count(Double($0))) bytes, larger than" } ?? "is larger than"
        return InputError(.data, file: file,
                          "the event table \(size) \(RunBudget.count(Double(maxBytes))) bytes (\(mebibytes(maxBytes))), the limit for event tables "
                          + "(a table is parsed whole, at about 20 bytes of memory per byte): set \(maxBytesVariable)=BYTES to raise it, "
                          + "or split the table by ID and run the parts")
    }

    static func mebibytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%g MiB", Double(bytes) / Double(1 << 20)) : "\(bytes) B"
    }
}
