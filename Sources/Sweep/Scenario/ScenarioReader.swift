import ODE
import Pharmacology

/// Turns a scenario document tree into a `Scenario`, collecting every problem (not just the
/// first) with its position and key path. Each section is read independently, so a problem in one
/// never hides a problem in another.
struct ScenarioReader {
    typealias Node = ScenarioFile.Node
    typealias Position = ScenarioFile.Position

    /// The keys each section allows, in the order the documentation lists them.
    static let topKeys = ["description", "species", "covariates", "tspo_knockout", "parameters",
                          "regimen", "event_table", "sampling", "solver"]
    static let covariateKeys = ["weight", "age", "sex", "cyp2c19"]
    static let samplingKeys = ["every", "times", "after_each_dose", "until"]
    static let solverKeys = ["method", "rtol", "atol", "max_step", "pk"]

    /// Default end of the simulation after the last dose (h): 14 days.
    static let defaultTail = 14.0 * 24

    let file: String
    let baseDirectory: String
    let lines: [Substring]
    /// The ceilings; `maxBytes` applies to the event table too.
    let limits: ScenarioFile.Limits
    /// Problems in the scenario file.
    private var problems: [InputProblem] = []
    /// Problems in the event table it names (reported after the scenario file's).
    private var tableProblems: [InputProblem] = []
    /// Whether a problem is a file that could not be read.
    private var unreadableFiles = 0

    init(file: String, baseDirectory: String, text: String, limits: ScenarioFile.Limits) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.lines = ScenarioFile.lines(of: text)
        self.limits = limits
    }

    private mutating func report(_ at: Position?, _ field: String?, _ message: String) {
        problems.append(InputProblem(file: file, line: at?.line, column: at?.column, field: field, message: message))
    }

    // MARK: The document

    mutating func read(_ root: Node) throws(InputError) -> Scenario {
        guard case .map(let entries) = root.value else {
            report(root.position, nil, "expected a mapping of scenario keys (\(Self.topKeys.joined(separator: ", "))), found \(root.found)")
            throw failure()
        }
        let top = section(entries, path: "", allowed: Self.topKeys)

        if let description = top["description"], !isText(description.value) {
            report(description.value.position, "description", "expected a text, found \(description.value.found)")
        }

        var species = Species.human
        if let entry = top["species"], let s = word(entry.value, "species", Species.allCases.map(\.rawValue)) {
            species = Species(rawValue: s)!
        }
        let covariates = readCovariates(top["covariates"], species: species)
        var tspoKnockout = false
        if let entry = top["tspo_knockout"], let b = boolean(entry.value, "tspo_knockout") { tspoKnockout = b }
        let parameters = readParameters(top["parameters"], species: species)

        let dosing = readDosing(regimen: top["regimen"], table: top["event_table"])
        var (sampling, until) = readSampling(top["sampling"])
        if sampling == nil, let observed = dosing?.sampleTimes, !observed.isEmpty {
            sampling = .times(observed)
        }
        let solver = readSolver(top["solver"])

        // The end time: explicit, or the last dose + 14 d (or the last explicit sample, if later).
        var endTime = until ?? 0
        if let dosing, until == nil {
            var untilWritten = false  // but wrong, and reported already
            if case .map(let entries)? = top["sampling"]?.value.value { untilWritten = entries.contains { $0.key == "until" } }
            if !dosing.placeholders.isEmpty, !untilWritten {
                let names = dosing.placeholders.map { "{\($0)}" }.joined(separator: ", ")
                report(dosing.position, "sampling.until",
                       "required when the regimen has placeholders (\(names)): the default end, the last dose + 14 d, "
                       + "is not known until they are filled in")
            }
            endTime = (dosing.regimen.lastDoseTime ?? 0) + Self.defaultTail
            if case .times(let times)? = sampling, let last = times.last { endTime = max(endTime, last) }
        }

        guard problems.isEmpty, tableProblems.isEmpty, let dosing else { throw failure() }
        return Scenario(species: species, covariates: covariates, tspoKnockout: tspoKnockout, parameters: parameters,
                        regimenText: dosing.regimenText, regimen: dosing.regimen, resetTimes: dosing.resetTimes,
                        sampling: sampling ?? .every(step: 1), endTime: endTime, solver: solver)
    }

    /// Every problem, the scenario file's sorted by position (whole-file problems last), then the
    /// event table's in its own order.
    private func failure() -> InputError {
        let sorted = problems.enumerated().sorted { a, b in
            let p = (a.element.line ?? .max, a.element.column ?? .max, a.offset)
            let q = (b.element.line ?? .max, b.element.column ?? .max, b.offset)
            return p < q
        }.map(\.element)
        let all = sorted + tableProblems
        return InputError(unreadableFiles == all.count ? .noInput : .data, all)
    }

    // MARK: Sections and values

    /// The entries of a mapping by key, reporting keys not in `allowed` (with a suggestion).
    private mutating func section(_ entries: [Node.Entry], path: String, allowed: [String]) -> [String: Node.Entry] {
        var byKey: [String: Node.Entry] = [:]
        for entry in entries {
            if allowed.contains(entry.key) {
                byKey[entry.key] = entry
                continue
            }
            let field = path.isEmpty ? entry.key : path + "." + entry.key
            var hint = ScenarioFile.closest(to: entry.key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            if path.isEmpty, hint.isEmpty {
                // A nested key written at the top level: say where it belongs.
                let nested = Self.covariateKeys.map { "covariates.\($0)" } + Self.samplingKeys.map { "sampling.\($0)" }
                    + Self.solverKeys.map { "solver.\($0)" } + ParameterName.allCases.map { "parameters.\($0.description)" }
                if let home = nested.first(where: { $0.hasSuffix("." + entry.key) }) {
                    hint = " (did you mean '\(home)'?)"
                }
            }
            report(entry.keyPosition ?? entry.value.position, field,
                   "unknown key '\(entry.key)'\(hint); expected one of \(allowed.joined(separator: ", "))")
        }
        return byKey
    }

    /// The entries of `entry`'s mapping, or `nil` (reported) if it is not one.
    private mutating func mapping(_ entry: Node.Entry?, _ path: String, allowed: [String], meaning: String) -> [String: Node.Entry]? {
        guard let entry else { return nil }
        if case .null = entry.value.value { return [:] }
        guard case .map(let entries) = entry.value.value else {
            report(entry.value.position, path, "expected a mapping (\(meaning)), found \(entry.value.found)")
            return nil
        }
        return section(entries, path: path, allowed: allowed)
    }

    private func isText(_ node: Node) -> Bool {
        if case .text = node.value { return true }
        return false
    }

    /// A number: a TOML/JSON number, or text that reads as one (`70`, `1e-8`, `inf`, `.inf`).
    static func number(_ node: Node) -> Double? {
        switch node.value {
        case .number(let x): return x
        case .text(let s, _): return number(text: s)
        default: return nil
        }
    }

    /// `s` as a number, also in YAML's spellings of infinity and NaN.
    static func number(text s: String) -> Double? {
        switch s {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default:
            guard let first = s.first, first.isNumber || "+-.".contains(first) || s.lowercased().hasPrefix("inf")
                    || s.lowercased() == "nan" else { return nil }
            return Double(s)
        }
    }

    /// A number, or a reported type error naming `what` was expected.
    private mutating func number(_ node: Node, _ field: String, _ what: String) -> Double? {
        if let x = Self.number(node) { return x }
        report(node.position, field, "expected \(what), found \(node.found)")
        return nil
    }

    /// A word from `choices` (compared case-insensitively), or a reported error listing them.
    private mutating func word(_ node: Node, _ field: String, _ choices: [String]) -> String? {
        if case .text(let s, _) = node.value, let match = choices.first(where: { $0.lowercased() == s.lowercased() }) {
            return match
        }
        var hint = ""
        if case .text(let s, _) = node.value, let near = ScenarioFile.closest(to: s, among: choices) {
            hint = " (did you mean '\(near)'?)"
        }
        report(node.position, field, "expected \(ScenarioFile.choices(choices)), found \(node.found)\(hint)")
        return nil
    }

    /// `true`/`false` (any case) or `1`/`0`, or a reported error.
    private mutating func boolean(_ node: Node, _ field: String) -> Bool? {
        switch node.value {
        case .bool(let b): return b
        case .number(let x) where x == 0 || x == 1: return x == 1
        case .text(let s, _):
            switch s.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: break
            }
        default: break
        }
        report(node.position, field, "expected true or false, found \(node.found)")
        return nil
    }

    /// A duration in hours (a number of hours or a string with a unit), or a reported error.
    private mutating func duration(_ node: Node, _ field: String) -> Double? {
        switch node.value {
        case .number(let x): return x
        case .text(let s, _): if let h = DurationSyntax.hours(s) { return h }
        default: break
        }
        report(node.position, field, "expected \(DurationSyntax.expected), found \(node.found)")
        return nil
    }

    // MARK: Subject

    private mutating func readCovariates(_ entry: Node.Entry?, species: Species) -> Covariates {
        var covariates = Covariates(species: species)
        guard let fields = mapping(entry, "covariates", allowed: Self.covariateKeys,
                                   meaning: "weight, age, sex, cyp2c19") else { return covariates }
        if let e = fields["weight"], let w = number(e.value, "covariates.weight", "a number (body weight in kg)") {
            var probe = Covariates(species: species)
            probe.weight = w
            do { try probe.validate(for: species); covariates.weight = w } catch {
                report(e.value.position, "covariates.weight", error.description + Assignment.gramsHint(weight: w, species: species))
            }
        }
        if let e = fields["age"], let a = number(e.value, "covariates.age", "a number (age in years)") {
            var probe = Covariates(species: species)
            probe.age = a
            do { try probe.validate(for: species); covariates.age = a } catch {
                report(e.value.position, "covariates.age", error.description)
            }
        }
        if let e = fields["sex"], let s = word(e.value, "covariates.sex", Sex.allCases.map(\.rawValue)) {
            var probe = Covariates(species: species)
            probe.sex = Sex(rawValue: s)!
            do { try probe.validate(for: species); covariates.sex = probe.sex } catch {
                report(e.value.position, "covariates.sex", error.description)
            }
        }
        if let e = fields["cyp2c19"], let p = word(e.value, "covariates.cyp2c19", CYP2C19Phenotype.allCases.map(\.rawValue)) {
            var probe = Covariates(species: species)
            probe.cyp2c19 = CYP2C19Phenotype(rawValue: p)!
            do { try probe.validate(for: species); covariates.cyp2c19 = probe.cyp2c19 } catch {
                report(e.value.position, "covariates.cyp2c19", error.description)
            }
        }
        return covariates
    }

    private mutating func readParameters(_ entry: Node.Entry?, species: Species) -> ParameterSet {
        var parameters = ParameterSet(species: species)
        guard let entry else { return parameters }
        if case .null = entry.value.value { return parameters }
        guard case .map(let entries) = entry.value.value else {
            report(entry.value.position, "parameters",
                   "expected a mapping of parameter names to values (e.g. k_syn: 0.006), found \(entry.value.found)")
            return parameters
        }
        for e in entries {
            let field = "parameters.\(e.key)"
            guard let name = ParameterName(name: e.key) else {
                let error = ModelError.unknownParameter(name: e.key, suggestion: ParameterSet.closestName(to: e.key))
                report(e.keyPosition ?? e.value.position, field, error.description)
                continue
            }
            let unit = name.definition.unit
            let what = unit == "1" ? "a number (dimensionless)" : "a number (\(unit))"
            guard let x = number(e.value, field, what) else { continue }
            do { try parameters.set(name, to: x) } catch {
                report(e.value.position, field, error.description)
            }
        }
        return parameters
    }

    // MARK: Dosing

    /// The dosing part of the scenario.
    struct Dosing {
        var regimen: Regimen
        var regimenText: String?
        var placeholders: [String] = []
        var resetTimes: [Double] = []
        var sampleTimes: [Double] = []
        var position: Position?
    }

    private mutating func readDosing(regimen: Node.Entry?, table: Node.Entry?) -> Dosing? {
        if let regimen, let table {
            report(table.keyPosition ?? table.value.position, "event_table",
                   "give either regimen or event_table, not both"
                   + (regimen.keyPosition.map { " (regimen is at line \($0.line))" } ?? ""))
            return nil
        }
        if let regimen { return readRegimen(regimen.value) }
        if let table { return readEventTable(table.value) }
        report(nil, "regimen", "missing: expected regimen (a regimen-language string such as "
               + "\"10mg po q24h for 180d\") or event_table (a CSV file of doses)")
        return nil
    }

    private mutating func readRegimen(_ node: Node) -> Dosing? {
        guard case .text(let text, _) = node.value else {
            report(node.position, "regimen",
                   "expected a regimen-language string such as \"10mg po q24h for 180d\", found \(node.found)")
            return nil
        }
        let names = RegimenTemplate.placeholders(in: text)
        if !names.isEmpty {
            // Filled in by `Scenario.applying(_:)`, which parses the result.
            return Dosing(regimen: .empty, regimenText: text, placeholders: names, position: node.position)
        }
        do {
            return Dosing(regimen: try RegimenLanguage.parse(text), regimenText: text, position: node.position)
        } catch {
            let at = regimenErrorPosition(error, text: text, node: node)
            let note = at.exact ? "" : " (at character \(error.column) of the regimen)"
            report(at.position, "regimen", error.message + note)
            return nil
        }
    }

    /// Where in the file a regimen syntax error is: exact for a one-line string written literally
    /// (the value's first character plus the error's column), else the start of the value.
    private func regimenErrorPosition(_ error: RegimenSyntaxError, text: String, node: Node) -> (position: Position?, exact: Bool) {
        guard let at = node.position, let content = node.contentColumn else { return (node.position, false) }
        // The error's column counts characters; file columns count Unicode scalars.
        let before = text.prefix(max(0, error.column - 1))
        let scalars = before.unicodeScalars.count + max(0, error.column - 1 - before.count)
        return (Position(line: at.line, column: content + scalars), true)
    }

    private mutating func readEventTable(_ node: Node) -> Dosing? {
        guard case .text(let name, _) = node.value, !name.isEmpty else {
            report(node.position, "event_table",
                   "expected the path of a CSV event table (relative to this file), found \(node.found)")
            return nil
        }
        let path = ScenarioFile.resolve(name, against: baseDirectory)
        let text: String
        switch ScenarioFile.readText(path: path, maxBytes: limits.maxBytes) {
        case .success(let t): text = t
        case .failure(.unreadable(let reason)):
            report(node.position, "event_table", "cannot read the event table \(path): \(reason)")
            unreadableFiles += 1
            return nil
        case .failure(.notUTF8):
            report(node.position, "event_table", "the event table \(path) is not UTF-8 text")
            return nil
        case .failure(.tooLarge):
            report(node.position, "event_table", "the event table \(path) is larger than \(limits.maxBytes) bytes, "
                   + "the limit for files a scenario reads: set \(ScenarioFile.Limits.maxBytesVariable) to raise it")
            return nil
        }
        do {
            let table = try EventTable(csv: text)
            guard let subject = table.subjects.first else {
                report(node.position, "event_table", "the event table \(path) has no subjects")
                return nil
            }
            // One scenario is one subject: taking the first of several silently would drop the rest.
            if table.subjects.count > 1 {
                report(node.position, "event_table", "the event table \(path) has \(table.subjects.count) individuals; a scenario "
                       + "file's event_table is one subject's doses: give the table with --events \(name) to simulate every "
                       + "individual (simulate, sweep and population)")
                return nil
            }
            return Dosing(regimen: subject.regimen, resetTimes: subject.resetTimes,
                          sampleTimes: Array(Set(subject.sampleTimes)).sorted(), position: node.position)
        } catch {
            tableProblems += EventTableFile.problems(error, file: path)
            return nil
        }
    }

    // MARK: Sampling and solver

    /// The sampling section: the sampling (if given) and `until` in h (if given).
    private mutating func readSampling(_ entry: Node.Entry?) -> (Sampling?, until: Double?) {
        guard let fields = mapping(entry, "sampling", allowed: Self.samplingKeys,
                                   meaning: "every, times or after_each_dose, and until") else { return (nil, nil) }
        var until: (hours: Double, position: Position?)? = nil
        if let e = fields["until"], let h = duration(e.value, "sampling.until") {
            if h > 0, h.isFinite { until = (h, e.value.position) } else {
                report(e.value.position, "sampling.until",
                       "expected an end time > 0 h, found \(ScenarioFile.format(h, unit: "h"))")
            }
        }
        var sampling: Sampling? = nil
        let modes = ["every", "times", "after_each_dose"].compactMap { fields[$0] }
            .sorted { ($0.keyPosition?.line ?? 0, $0.keyPosition?.column ?? 0) < ($1.keyPosition?.line ?? 0, $1.keyPosition?.column ?? 0) }
        for extra in modes.dropFirst() {
            report(extra.keyPosition ?? extra.value.position, "sampling.\(extra.key)",
                   "give only one of every, times or after_each_dose (\(modes[0].key) is given already)")
        }
        if let mode = modes.first {
            let field = "sampling.\(mode.key)"
            switch mode.key {
            case "every":
                if let step = duration(mode.value, field) {
                    if step > 0, step.isFinite { sampling = .every(step: step) } else {
                        report(mode.value.position, field,
                               "expected a sampling interval > 0 h, found \(ScenarioFile.format(step, unit: "h"))")
                    }
                }
            default:
                let isTimes = mode.key == "times"
                guard let list = durations(mode.value, field, meaning: isTimes ? "sample time" : "offset after a dose") else { break }
                var ok = true
                if isTimes, let until {
                    for (i, item) in list.enumerated() where item.hours > until.hours {
                        report(item.node.position, "\(field)[\(i)]",
                               "time \(ScenarioFile.format(item.hours, unit: "h")) is after the end of the simulation "
                               + "(sampling.until = \(ScenarioFile.format(until.hours, unit: "h")))")
                        ok = false
                    }
                }
                let sorted = Array(Set(list.map(\.hours))).sorted()
                if ok { sampling = isTimes ? .times(sorted) : .doseRelative(offsets: sorted) }
            }
        }
        return (sampling, until?.hours)
    }

    /// A list of durations ≥ 0 h with their nodes, or `nil` with every problem reported.
    private mutating func durations(_ node: Node, _ field: String, meaning: String) -> [(hours: Double, node: Node)]? {
        guard case .list(let items) = node.value else {
            report(node.position, field, "expected a list of durations (e.g. [0, 1, 2.5] in h, or [30min, 12h]), found \(node.found)")
            return nil
        }
        var values: [(hours: Double, node: Node)] = []
        var ok = true
        for (i, item) in items.enumerated() {
            guard let h = duration(item, "\(field)[\(i)]") else { ok = false; continue }
            guard h >= 0, h.isFinite else {
                report(item.position, "\(field)[\(i)]", "expected a \(meaning) ≥ 0 h, found \(ScenarioFile.format(h, unit: "h"))")
                ok = false
                continue
            }
            values.append((h, item))
        }
        return ok ? values : nil
    }

    private mutating func readSolver(_ entry: Node.Entry?) -> SimulationOptions {
        var options = SimulationOptions()
        guard let fields = mapping(entry, "solver", allowed: Self.solverKeys,
                                   meaning: "method, rtol, atol, max_step, pk") else { return options }
        if let e = fields["method"], let m = word(e.value, "solver.method", ODEMethod.allCases.map(\.rawValue)) {
            options.method = ODEMethod(rawValue: m)!
        }
        if let e = fields["rtol"], let x = number(e.value, "solver.rtol", "a number (relative tolerance)") {
            if x > 0, x < 1 { options.rtol = x } else {
                report(e.value.position, "solver.rtol", "expected a relative tolerance > 0 and < 1, found \(ScenarioFile.format(x))")
            }
        }
        if let e = fields["atol"], let x = number(e.value, "solver.atol", "a number (absolute tolerance)") {
            if x > 0, x.isFinite { options.atol = x } else {
                report(e.value.position, "solver.atol", "expected a finite absolute tolerance > 0, found \(ScenarioFile.format(x))")
            }
        }
        if let e = fields["max_step"], let h = duration(e.value, "solver.max_step") {
            if h > 0 { options.maxStep = h } else {
                report(e.value.position, "solver.max_step", "expected a largest step > 0 h, found \(ScenarioFile.format(h, unit: "h"))")
            }
        }
        if let e = fields["pk"], let k = word(e.value, "solver.pk", PKSolution.allCases.map(\.rawValue)) {
            options.pharmacokinetics = PKSolution(rawValue: k)!
        }
        return options
    }
}
