/// A percentile-band file (`PercentileBands.csv()`) in memory, for plotting.
public struct PercentileBandsTable: Sendable, Equatable {
    /// One output's bands.
    public struct Output: Sendable, Equatable {
        /// Column name with unit (`dz_plasma_ng_per_mL`).
        public var column: String
        /// `values[j][i]`: percentile `j` at time `i`.
        public var values: [[Double]]
        /// Subjects counted at each time.
        public var n: [Double]
    }

    /// Percentiles, ascending.
    public var percentiles: [Double]
    /// Sample times (h).
    public var times: [Double]
    /// Outputs in file order.
    public var outputs: [Output]

    /// Whether a CSV header (its fields) is a band file's: `time_h,name,unit,n,p…`.
    public static func isBandHeader(_ fields: [String]) -> Bool {
        fields.count > 4 && Array(fields.prefix(4)) == ["time_h", "name", "unit", "n"] && fields.dropFirst(4).allSatisfy { $0.hasPrefix("p") }
    }

    /// Reads a band file.
    /// - Throws: `InputError` with file and line for a malformed file.
    public static func read(path: String) throws(InputError) -> PercentileBandsTable {
        var reader = try CSVLineReader(path: path)
        guard let header = try reader.nextFields()?.map(String.init), isBandHeader(header) else {
            throw InputError(.data, file: path, line: 1, "not a percentile-band file: expected the header time_h,name,unit,n,p5,p50,…")
        }
        var percentiles: [Double] = []
        for field in header.dropFirst(4) {
            guard let p = Double(field.dropFirst()) else { throw InputError(.data, file: path, line: 1, "'\(field)' is not p<percentile>") }
            percentiles.append(p)
        }
        var table = PercentileBandsTable(percentiles: percentiles, times: [], outputs: [])
        var index: [String: Int] = [:]
        while let fields = try reader.nextFields() {
            guard fields.count == header.count else {
                throw InputError(.data, file: path, line: reader.lineNumber, "\(fields.count) fields, expected \(header.count) as in the header")
            }
            var numbers: [Double] = []
            for (k, field) in fields.enumerated() where k == 0 || k >= 3 {
                numbers.append(try TrajectoryReader.number(field, reader, column: k + 1, header[k]))
            }
            let column = TrajectoryReader.columnName(name: String(fields[1]), unit: String(fields[2]))
            let k: Int
            if let known = index[column] {
                k = known
            } else {
                k = table.outputs.count
                index[column] = k
                table.outputs.append(Output(column: column, values: Array(repeating: [], count: percentiles.count), n: []))
            }
            if k == 0 { table.times.append(numbers[0]) }
            table.outputs[k].n.append(numbers[1])
            for j in percentiles.indices { table.outputs[k].values[j].append(numbers[j + 2]) }
        }
        for output in table.outputs where output.n.count != table.times.count {
            throw InputError(.data, file: path, "output \(output.column) has \(output.n.count) times, the first output \(table.times.count)")
        }
        return table
    }
}
