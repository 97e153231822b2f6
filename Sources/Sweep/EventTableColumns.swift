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
/// Values are per individual: a value that changes between the rows of one individual is an error
/// (BenzoSim's covariates and parameters do not change with time).
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

    /// The default SEX coding.
    public static let defaultSexCoding: [Double: Sex] = [0: .male, 1: .female]
    /// The default CYP2C19 coding.
    public static let defaultCYP2C19Coding: [Double: CYP2C19Phenotype] = [1: .normal, 2: .intermediate, 3: .poor]

    /// The roles of `table`'s columns.
    public init(table: EventTable, file: String, sexCoding: [Double: Sex] = Self.defaultSexCoding,
                cyp2c19Coding: [Double: CYP2C19Phenotype] = Self.defaultCYP2C19Coding, amountPerKilogram: Bool = false) {
        self.file = file
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

    /// One line per column: what it is used as, for standard error and the manifest.
    public var usage: [String] {
        var used: [String] = []
        var unused: [String] = []
        var records: [String] = []
        for (name, role) in zip(columnNames, roles) {
            switch role {
            case .record: records.append(name)
            case .parameter(let p): used.append("\(name) → parameter \(p.definition.name) (\(p.definition.unit))")
            case .weight: used.append("\(name) → weight (kg)")
            case .age: used.append("\(name) → age (years)")
            case .sex: used.append("\(name) → sex (\(codes(sexCoding)), or M/F)")
            case .cyp2c19: used.append("\(name) → cyp2c19 (\(codes(cyp2c19Coding)), or names)")
            case .unused: unused.append(name)
            }
        }
        var lines = ["records: " + records.joined(separator: ", ") + (amountPerKilogram ? " (AMT in mg/kg)" : "")]
        lines += used
        if !unused.isEmpty { lines.append("not used: " + unused.joined(separator: ", ")) }
        return lines
    }

    /// The subject's values from its rows, each with where it was found.
    /// - Throws: `InputError` (data) at the file, line and column of a value that cannot be decoded
    ///   or that changes within the individual.
    func assignments(of subject: EventTable.Subject) throws(InputError) -> [(assignment: Assignment, line: Int, column: Int)] {
        var result: [(Assignment, Int, Int)] = []
        var problems: [InputProblem] = []
        for (c, role) in roles.enumerated() where role != .record && role != .unused {
            guard let first = subject.records.first(where: { !$0.cells[c].isEmpty && $0.cells[c] != "." }) else { continue }
            let text = first.cells[c]
            if let other = subject.records.first(where: { !$0.cells[c].isEmpty && $0.cells[c] != "." && $0.cells[c] != text
                                                          && Double($0.cells[c]).map({ $0 != Double(text) }) ?? true }) {
                problems.append(InputProblem(file: file, line: other.line, column: c + 1, field: columnNames[c], message:
                    "\"\(other.cells[c])\" differs from \"\(text)\" on line \(first.line) for subject \(subject.id); expected one "
                    + "value per subject (covariates do not change with time in BenzoSim)"))
                continue
            }
            func fail(_ message: String) {
                problems.append(InputProblem(file: file, line: first.line, column: c + 1, field: columnNames[c], message: message))
            }
            switch role {
            case .parameter(let p):
                if let x = Double(text) { result.append((Assignment(p.definition.name, .number(x)), first.line, c + 1)) }
                else { fail("\"\(text)\" is not a number; expected \(p.definition.name) in \(p.definition.unit)") }
            case .weight:
                if let x = Double(text) { result.append((Assignment("weight", .number(x)), first.line, c + 1)) }
            case .age:
                if let x = Double(text) { result.append((Assignment("age", .number(x)), first.line, c + 1)) }
            case .sex:
                let words: [String: Sex] = ["m": .male, "male": .male, "f": .female, "female": .female]
                if let sex = Double(text).flatMap({ sexCoding[$0] }) ?? words[text.lowercased()] {
                    result.append((Assignment("sex", .text(sex.rawValue)), first.line, c + 1))
                } else {
                    fail("\"\(text)\" is not a sex code of --sex-coding \(codes(sexCoding)); expected one of its codes, "
                         + "M/F or male/female, or give the dataset's coding, e.g. --sex-coding 1=male,2=female")
                }
            case .cyp2c19:
                let words: [String: CYP2C19Phenotype] = ["normal": .normal, "nm": .normal, "em": .normal, "extensive": .normal,
                                                         "intermediate": .intermediate, "im": .intermediate,
                                                         "poor": .poor, "pm": .poor]
                if let phenotype = Double(text).flatMap({ cyp2c19Coding[$0] }) ?? words[text.lowercased()] {
                    result.append((Assignment("cyp2c19", .text(phenotype.rawValue)), first.line, c + 1))
                } else {
                    fail("\"\(text)\" is not a CYP2C19 code of --cyp2c19-coding \(codes(cyp2c19Coding)); expected one of its "
                         + "codes or a phenotype (normal, intermediate, poor; EM, IM, PM), or give the dataset's coding, "
                         + "e.g. --cyp2c19-coding 0=normal,1=intermediate,2=poor")
                }
            case .record, .unused:
                break
            }
        }
        if !problems.isEmpty { throw InputError(.data, problems) }
        return result
    }

    private func codes<T: RawRepresentable>(_ coding: [Double: T]) -> String where T.RawValue == String {
        coding.keys.sorted().map { "\(Assignment.Value.number($0))=\(coding[$0]!.rawValue)" }.joined(separator: ",")
    }
}
