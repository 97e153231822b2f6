import Pharmacology

/// How the columns of an event table beyond the NONMEM data items set a subject's values, and
/// with which codings (Docs/EVENT_TABLES.md, "Individual values").
///
/// - A column named like a parameter (`CL`, `V1`, `Ki_tspo_dz`, … as `benzosim params` lists
///   them, any case) is the subject's reference value of that parameter (in its unit), before
///   covariates; only physical bounds are checked, as for any individual value.
/// - `WT` or `WEIGHT` (kg) and `AGE` (years) are the covariates.
/// - `SEX`: a number decoded by `sexCoding` (default `0=male,1=female`), or `M`/`F`/`male`/`female`.
/// - `CYP2C19`: a phenotype name (`normal`/`intermediate`/`poor`, or `EM`/`IM`/`PM`, `NM`,
///   `extensive`), or a number decoded by `cyp2c19Coding` (default `1=normal,2=intermediate,3=poor`).
/// - Any other column is not used (it can be copied to the output with `--carry-out`).
///
/// Values may change with time (`carry`): WT, AGE and parameter columns change at a row's time,
/// NOCB by default as NONMEM (a row's value applies from the previous row's time up to its own),
/// or LOCF (from its own time to the next row's). SEX and CYP2C19 cannot change within an
/// individual (an error at the cell).
public struct EventTableColumns: Sendable {
    /// What one column sets.
    public enum Role: Sendable, Equatable {
        /// A NONMEM data item (ID, TIME, AMT, CMT, EVID, RATE, II, ADDL, SS).
        case record
        /// A parameter's reference value.
        case parameter(ParameterName)
        /// Body weight (kg).
        case weight
        /// Age (years).
        case age
        /// Sex, decoded.
        case sex
        /// CYP2C19 phenotype, decoded.
        case cyp2c19
        /// Nothing.
        case unused
    }

    /// The file, for messages.
    public var file: String
    /// The header names as written.
    public var columnNames: [String]
    /// Each column's role.
    public var roles: [Role]
    /// Numeric SEX codes.
    public var sexCoding: [Double: Sex]
    /// Numeric CYP2C19 codes.
    public var cyp2c19Coding: [Double: CYP2C19Phenotype]
    /// Whether AMT (and RATE) are per kg of body weight.
    public var amountPerKilogram: Bool
    /// How a value that changes within an individual carries between rows.
    public var carry: CovariateCarry
    /// The columns whose value changes within some individual, by name as written.
    public var timeVaryingNames: Set<String>

    /// How values that change within an individual apply between rows (Docs/EVENT_TABLES.md §6).
    public enum CovariateCarry: String, Sendable, CaseIterable {
        /// Next observation carried backward (NONMEM's rule, mrgsolve's default `nocb = TRUE`): a
        /// row's value applies on (previous row's TIME, its TIME].
        case nocb
        /// Last observation carried forward (mrgsolve `nocb = FALSE`): a row's value applies on
        /// [its TIME, next row's TIME).
        case locf
    }

    /// The default SEX coding.
    public static let defaultSexCoding: [Double: Sex] = [0: .male, 1: .female]
    /// The default CYP2C19 coding.
    public static let defaultCYP2C19Coding: [Double: CYP2C19Phenotype] = [1: .normal, 2: .intermediate, 3: .poor]

    /// The roles of `table`'s columns.
    public init(table: EventTable, file: String, sexCoding: [Double: Sex] = Self.defaultSexCoding,
                cyp2c19Coding: [Double: CYP2C19Phenotype] = Self.defaultCYP2C19Coding, amountPerKilogram: Bool = false,
                carry: CovariateCarry = .nocb) {
        self.file = file
        self.carry = carry
        timeVaryingNames = table.subjects.reduce(into: []) { $0.formUnion($1.timeVaryingColumns) }
        self.columnNames = table.columnNames
        self.sexCoding = sexCoding
        self.cyp2c19Coding = cyp2c19Coding
        self.amountPerKilogram = amountPerKilogram
        let items: Set<String> = ["ID", "TIME", "AMT", "CMT", "EVID", "RATE", "II", "ADDL", "SS"]
        roles = table.columnNames.map { name in
            let key = name.uppercased()
            if items.contains(key) { return .record }
            switch key {
            case "WT", "WEIGHT": return .weight
            case "AGE": return .age
            case "SEX": return .sex
            case "CYP2C19": return .cyp2c19
            default: break
            }
            if let p = ParameterName.allCases.first(where: { $0.definition.name.uppercased() == key }) { return .parameter(p) }
            return .unused
        }
    }

    /// A coding option such as `0=male,1=female`.
    /// - Throws: `InputError` (usage, field `option`) naming the malformed part.
    public static func coding<T>(_ text: String, option: String, choices: [String: T]) throws(InputError) -> [Double: T] {
        var result: [Double: T] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let code = Double(pair[0]), code.isFinite, let value = choices[pair[1].lowercased()] else {
                throw InputError(.usage, field: option, "'\(part)' must be CODE=NAME with CODE a number and NAME one of "
                                 + choices.keys.sorted().joined(separator: ", ") + ", e.g. \(option == "--sex-coding" ? "1=male,2=female" : "0=normal,1=intermediate,2=poor")")
            }
            result[code] = value
        }
        return result
    }

    /// One line per column: what it is used as (with "time-varying (NOCB)" or "(LOCF)" for a
    /// column that changes within an individual), for standard error and the manifest.
    public var usage: [String] {
        var used: [String] = []
        var unused: [String] = []
        var records: [String] = []
        for (name, role) in zip(columnNames, roles) {
            let varying = timeVaryingNames.contains(name) ? ", time-varying (\(carry.rawValue.uppercased()))" : ""
            switch role {
            case .record: records.append(name)
            case .parameter(let p): used.append("\(name) → parameter \(p.definition.name) (\(p.definition.unit))\(varying)")
            case .weight: used.append("\(name) → weight (kg)\(varying)")
            case .age: used.append("\(name) → age (years)\(varying)")
            case .sex: used.append("\(name) → sex (\(codes(sexCoding)), or M/F), one per subject")
            case .cyp2c19: used.append("\(name) → cyp2c19 (\(codes(cyp2c19Coding)), or names), one per subject")
            case .unused: unused.append(name)
            }
        }
        var lines = ["records: " + records.joined(separator: ", ") + (amountPerKilogram ? " (AMT in mg/kg)" : "")]
        lines += used
        if !unused.isEmpty { lines.append("not used: " + unused.joined(separator: ", ")) }
        return lines
    }

    /// One used column of one subject: its value at every record (row order), empty cells filled
    /// by `carry` (NOCB: from the next row with a value, after the last one from the last; LOCF:
    /// from the previous row with a value, before the first one from the first), and the line each
    /// value was written on.
    struct ColumnValues {
        /// Index of the column in the table.
        var column: Int
        /// The assignment name (`CL`, `weight`, `age`, `sex`, `cyp2c19`).
        var name: String
        /// The value at each record.
        var values: [Assignment.Value]
        /// The line of the cell each value comes from.
        var lines: [Int]
        /// Whether the value changes within the individual.
        var changes: Bool

        /// The assignment at record `r`.
        func assignment(at r: Int) -> Assignment { Assignment(name, values[r]) }
    }

    /// SEX words always read, whatever the coding.
    static let sexWords: [String: Sex] = ["m": .male, "male": .male, "f": .female, "female": .female]
    /// CYP2C19 phenotype names always read.
    static let phenotypeWords: [String: CYP2C19Phenotype] = [
        "normal": .normal, "nm": .normal, "em": .normal, "extensive": .normal,
        "intermediate": .intermediate, "im": .intermediate, "poor": .poor, "pm": .poor,
    ]

    /// The subject's values from its rows, per column, at every record.
    /// - Throws: `InputError` (data) at the file, line and column of a value that cannot be decoded,
    ///   or of a SEX or CYP2C19 value that changes within the individual (those cannot change).
    func values(of subject: EventTable.Subject) throws(InputError) -> [ColumnValues] {
        var result: [ColumnValues] = []
        var problems: [InputProblem] = []
        for (c, role) in roles.enumerated() where role != .record && role != .unused {
            var decoded: [(record: Int, value: Assignment.Value)] = []
            var name = ""
            for (r, record) in subject.records.enumerated() {
                let text = record.cells[c]
                guard !text.isEmpty, text != "." else { continue }
                func fail(_ message: String) {
                    problems.append(InputProblem(file: file, line: record.line, column: c + 1, field: columnNames[c], message: message))
                }
                switch role {
                case .parameter(let p):
                    name = p.definition.name
                    if let x = Double(text) { decoded.append((r, .number(x))) }
                    else { fail("\"\(text)\" is not a number; expected \(p.definition.name) in \(p.definition.unit)") }
                case .weight, .age:
                    name = role == .weight ? "weight" : "age"
                    if let x = Double(text) { decoded.append((r, .number(x))) }  // the reader reports text in these columns
                case .sex:
                    name = "sex"
                    if let sex = Double(text).flatMap({ sexCoding[$0] }) ?? Self.sexWords[text.lowercased()] {
                        decoded.append((r, .text(sex.rawValue)))
                    } else {
                        fail("\"\(text)\" is not a sex code of --sex-coding \(codes(sexCoding)); expected one of its codes, "
                             + "M/F or male/female, or give the dataset's coding, e.g. --sex-coding 1=male,2=female")
                    }
                case .cyp2c19:
                    name = "cyp2c19"
                    if let phenotype = Double(text).flatMap({ cyp2c19Coding[$0] }) ?? Self.phenotypeWords[text.lowercased()] {
                        decoded.append((r, .text(phenotype.rawValue)))
                    } else {
                        fail("\"\(text)\" is not a CYP2C19 code of --cyp2c19-coding \(codes(cyp2c19Coding)); expected one of its "
                             + "codes or a phenotype (normal, intermediate, poor; EM, IM, PM), or give the dataset's coding, "
                             + "e.g. --cyp2c19-coding 0=normal,1=intermediate,2=poor")
                    }
                case .record, .unused:
                    break
                }
            }
            guard let first = decoded.first else { continue }
            if let other = decoded.first(where: { $0.value != first.value }) {
                if role == .sex || role == .cyp2c19 {
                    let line = subject.records[other.record].line
                    problems.append(InputProblem(file: file, line: line, column: c + 1, field: columnNames[c], message:
                        "\"\(subject.records[other.record].cells[c])\" differs from \"\(subject.records[first.record].cells[c])\" on line "
                        + "\(subject.records[first.record].line) for subject \(subject.id); expected one value per subject (\(name == "sex" ? "sex" : "a CYP2C19 phenotype") "
                        + "does not change with time): use the same value on every row of the subject, or split the rows "
                        + "into two subjects"))
                    continue
                }
            }
            // Fill every record from the cells with a value, by the carry rule.
            var values: [Assignment.Value] = [], lines: [Int] = []
            values.reserveCapacity(subject.records.count)
            var next = 0   // first decoded entry at or after r (NOCB) / after r (LOCF)
            for r in subject.records.indices {
                while next < decoded.count && decoded[next].record < r { next += 1 }
                let source: Int
                switch carry {
                case .nocb: source = next < decoded.count ? next : decoded.count - 1
                case .locf:
                    if next < decoded.count && decoded[next].record == r { source = next }
                    else { source = max(0, next - 1) }
                }
                values.append(decoded[source].value)
                lines.append(subject.records[decoded[source].record].line)
            }
            result.append(ColumnValues(column: c, name: name, values: values, lines: lines,
                                       changes: decoded.contains { $0.value != first.value }))
        }
        if !problems.isEmpty { throw InputError(.data, problems) }
        return result
    }

    /// The subject's values at its first row, each with where it was written (with values that
    /// change, the first row's value by the carry rule).
    /// - Throws: as `values(of:)`.
    func assignments(of subject: EventTable.Subject) throws(InputError) -> [(assignment: Assignment, line: Int, column: Int)] {
        try values(of: subject).map { ($0.assignment(at: 0), $0.lines[0], $0.column + 1) }
    }

    private func codes<T: RawRepresentable>(_ coding: [Double: T]) -> String where T.RawValue == String {
        coding.keys.sorted().map { "\(Assignment.Value.number($0))=\(coding[$0]!.rawValue)" }.joined(separator: ",")
    }
}
