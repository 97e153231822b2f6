/// Reads trajectory CSV files written by benzosim (`WideTrajectoryWriter` or
/// `LongTrajectoryWriter`), telling the layout from the header, streaming sample by sample.
///
/// - wide: `id,time_h,<column>…`, one row per sample;
/// - long: `id,time_h,name,value,unit`, one row per sample and output. The rows of one sample
///   (same id and time, each name once) become one sample whose columns are named as in the wide
///   layout (`dz_plasma` in `ng/mL` → `dz_plasma_ng_per_mL`, see `columnName(name:unit:)`); every
///   sample must list the same names in the same order.
///
/// Numbers are read back exactly (`CSVFormat` writes round-tripping text, `nan` and `inf`
/// included).
public enum TrajectoryReader {
    /// The two layouts.
    public typealias Layout = TrajectoryFormat

    /// The wide column name of an output `name` in `unit`: `_ng_per_mL`, `_nM` or `_mg` appended,
    /// nothing for `1` (the inverse of `unit(ofColumn:)`).
    public static func columnName(name: String, unit: String) -> String {
        switch unit {
        case "ng/mL": return name + "_ng_per_mL"
        case "nM": return name + "_nM"
        case "mg": return name + "_mg"
        case "1", "": return name
        default: return name + "_" + unit.replacingOccurrences(of: "/", with: "_per_")
        }
    }

    /// The output name and unit of a wide column: `dz_plasma_ng_per_mL` → (`dz_plasma`, `ng/mL`),
    /// `ndz_mg` → (`ndz`, `mg`), `dz_unbound_nM` → (`dz_unbound`, `nM`), `withdrawal` →
    /// (`withdrawal`, `1`).
    public static func split(column: String) -> (name: String, unit: String) {
        for (suffix, unit) in [("_ng_per_mL", "ng/mL"), ("_nM", "nM"), ("_mg", "mg")] where column.hasSuffix(suffix) && column.count > suffix.count {
            return (String(column.dropLast(suffix.count)), unit)
        }
        return (column, "1")
    }

    /// Streams the samples of the trajectory file at `path`: `columns` is called once with the
    /// column names (without `id` and `time_h`), then `sample` once per sample in file order with
    /// the run id, the time (h) and the values in column order (a buffer reused between calls).
    /// - Returns: the layout found.
    /// - Throws: `InputError`: `.noInput` if unreadable; `.data` with the line and column for a
    ///   header that is neither layout, a row with the wrong number of fields, a value that is not
    ///   a number, or long rows whose outputs differ from the first sample's.
    @discardableResult
    public static func forEachSample(path: String, columns: ([String]) throws(InputError) -> Void,
                                     sample: (_ id: Substring, _ time: Double, _ values: [Double]) throws(InputError) -> Void) throws(InputError) -> Layout {
        var reader = try CSVLineReader(path: path)
        guard let header = try reader.nextFields() else {
            throw InputError(.data, file: path, "the file is empty: expected a trajectory CSV with a header")
        }
        let names = header.map { String($0).trimmingCharacters(in: .whitespaces) }
        if names == ["id", "time_h", "name", "value", "unit"] {
            try readLong(&reader, columns: columns, sample: sample)
            return .long
        }
        guard names.count > 2, names[0] == "id", names[1] == "time_h" else {
            throw InputError(.data, file: path, line: 1, "not a benzosim trajectory file: expected the header id,time_h,<outputs…> (wide) or id,time_h,name,value,unit (long), found \(names.prefix(5).joined(separator: ","))\(names.count > 5 ? ",…" : "")")
        }
        let outputs = Array(names.dropFirst(2))
        try columns(outputs)
        var values = [Double](repeating: 0, count: outputs.count)
        while let fields = try reader.nextFields() {
            guard fields.count == names.count else {
                throw InputError(.data, file: path, line: reader.lineNumber, "\(fields.count) fields, expected \(names.count) as in the header")
            }
            let time = try number(fields[1], reader, column: 2, "time_h")
            for k in outputs.indices { values[k] = try number(fields[k + 2], reader, column: k + 3, outputs[k]) }
            try sample(fields[0], time, values)
        }
        return .wide
    }

    static func readLong(_ reader: inout CSVLineReader, columns: ([String]) throws(InputError) -> Void,
                         sample: (Substring, Double, [Double]) throws(InputError) -> Void) throws(InputError) {
        var outputs: [String]? = nil          // known once the first sample is complete
        var pending: [String] = []            // names of the first sample so far
        var values: [Double] = []
        var id: Substring = "", time = Double.nan, timeText: Substring = "", filled = 0
        func flush(_ line: Int) throws(InputError) {
            if outputs == nil {
                outputs = pending
                try columns(pending)
            } else if filled != outputs!.count {
                throw InputError(.data, file: reader.path, line: line, "run \(id) at time \(timeText) h has \(filled) outputs, expected \(outputs!.count) (\(outputs!.joined(separator: ",")))")
            }
            try sample(id, time, values)
            filled = 0
        }
        while let fields = try reader.nextFields() {
            let line = reader.lineNumber
            guard fields.count == 5 else {
                throw InputError(.data, file: reader.path, line: line, "\(fields.count) fields, expected 5 (id,time_h,name,value,unit)")
            }
            let name = columnName(name: String(fields[2]), unit: String(fields[4]))
            let isFirstName = outputs.map { name == $0[0] } ?? (pending.first == name)
            let startsSample = fields[0] != id || fields[1] != timeText || isFirstName
            if startsSample && filled > 0 { try flush(line - 1) }
            if startsSample {
                id = fields[0]
                timeText = fields[1]
                time = try number(fields[1], reader, column: 2, "time_h")
            }
            let value = try number(fields[3], reader, column: 4, "value")
            if let outputs {
                guard filled < outputs.count, outputs[filled] == name else {
                    throw InputError(.data, file: reader.path, line: line, "output \(name) out of order: each sample lists \(outputs.joined(separator: ",")) in this order")
                }
                values[filled] = value
            } else {
                pending.append(name)
                values.append(value)
            }
            filled += 1
        }
        if filled > 0 { try flush(reader.lineNumber) }
    }

    static func number(_ field: Substring, _ reader: CSVLineReader, column: Int, _ name: String) throws(InputError) -> Double {
        guard let x = Double(field) else {
            throw InputError(.data, file: reader.path, line: reader.lineNumber, column: column, field: name, "'\(field)' is not a number")
        }
        return x
    }

    /// The whole file in memory: every run with its times and, per column, its values.
    public static func read(path: String) throws(InputError) -> TrajectoryTable {
        var table = TrajectoryTable(layout: .wide, columns: [], runs: [])
        table.layout = try forEachSample(path: path, columns: { table.columns = $0 }, sample: { id, time, values in
            if table.runs.last?.id != String(id) {
                table.runs.append(.init(id: String(id), times: [], values: Array(repeating: [], count: values.count)))
            }
            let last = table.runs.count - 1
            table.runs[last].times.append(time)
            for k in values.indices { table.runs[last].values[k].append(values[k]) }
        })
        return table
    }
}

/// A trajectory file in memory (`TrajectoryReader.read(path:)`).
public struct TrajectoryTable: Sendable, Equatable {
    /// One run (subject) of the file.
    public struct Run: Sendable, Equatable {
        /// The run's id (the file's `id` column).
        public var id: String
        /// Sample times (h).
        public var times: [Double]
        /// `values[k][i]`: column `k` at `times[i]`.
        public var values: [[Double]]
    }

    /// The layout of the file.
    public var layout: TrajectoryFormat
    /// Output columns in file order, with units in the names (`dz_plasma_ng_per_mL`).
    public var columns: [String]
    /// Runs in file order (consecutive rows with the same id).
    public var runs: [Run]
}
