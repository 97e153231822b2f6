import Pharmacology

extension Scenario {
    /// The names an `Assignment` can give besides parameters and regimen placeholders.
    public static let covariateNames = ["weight", "age", "sex", "cyp2c19", "species", "tspo_knockout"]

    /// The `{name}` placeholders in `regimenText`, distinct, in order of first appearance (empty for
    /// a regimen without placeholders or one read from an event table).
    public var regimenPlaceholders: [String] {
        regimenText.map(RegimenTemplate.placeholders(in:)) ?? []
    }

    /// This scenario with `assignments` applied: the result of `--set NAME=VALUE`, of one run of a
    /// sweep, or of one virtual subject.
    ///
    /// Each name is, in this order of lookup:
    /// - a parameter (`k_syn`, `CL`, … as listed by `benzosim params`): its value (in the
    ///   parameter's unit) replaces the current one after a range check for the species;
    /// - `weight` (kg) or `age` (years), numbers checked against the species' ranges;
    /// - `sex` (`male`/`female`), `cyp2c19` (`normal`/`intermediate`/`poor`), words;
    /// - `species` (`human`/`mouse`), applied before every other assignment whatever its place in
    ///   the list: parameters are reset to the new species' defaults, and every parameter that
    ///   differs from the old species' default (the scenario file's overrides) is set again and
    ///   range-checked for the new species, unless one of `assignments` sets it; a weight equal to
    ///   the old species' reference weight becomes the new one's (so a scenario's own overrides are
    ///   recovered without a separate field: they are the values that differ from the defaults);
    /// - `tspo_knockout`: `0`/`1` or `true`/`false`;
    /// - otherwise a `{name}` placeholder in `regimenText`: every `{name}` is replaced by the value
    ///   (numbers as `Assignment.Value.description` writes them: `10`, `0.5`), and the text is
    ///   parsed again with `RegimenLanguage`. A name that is none of these is an error.
    ///
    /// When the regimen has placeholders, the text is parsed even if no assignment names one, so a
    /// placeholder left unfilled is reported (by the regimen parser). Call `applying([])` on a
    /// scenario with placeholders to get that check. `regimenText` of the result is the
    /// substituted text. Later assignments to the same name win.
    ///
    /// - Throws: `InputError` listing every problem, each with the assignment's name as the field
    ///   and no file; kind `.usage` if a name is unknown, else `.data`.
    public func applying(_ assignments: [Assignment]) throws(InputError) -> Scenario {
        try applying(assignments, individualParameters: [])
    }

    /// `applying(_:)` where the parameters named in `individualParameters` are a virtual subject's
    /// values, drawn around checked typical values: only their physical bounds are checked
    /// (`ParameterSet.setIndividual`), not the plausible range of typical values.
    public func applying(_ assignments: [Assignment], individualParameters: Set<String>) throws(InputError) -> Scenario {
        var result = self
        var problems: [InputProblem] = []
        var unknownNames = false
        func report(_ name: String, _ message: String) {
            problems.append(InputProblem(field: name, message: message))
        }
        func number(_ a: Assignment, _ what: String) -> Double? {
            switch a.value {
            case .number(let x): return x
            case .text(let s):
                if let x = ScenarioReader.number(text: s) { return x }
            }
            report(a.name, "expected \(what), found \"\(a.value)\"")
            return nil
        }
        func word(_ a: Assignment, _ choices: [String]) -> String? {
            if case .text(let s) = a.value, let match = choices.first(where: { $0 == s.lowercased() }) { return match }
            report(a.name, "expected \(ScenarioFile.choices(choices)), found \"\(a.value)\"")
            return nil
        }

        // Species first: it decides the defaults and ranges everything else is checked against.
        if let assignment = assignments.last(where: { $0.name == "species" }),
           let name = word(assignment, Species.allCases.map(\.rawValue)),
           let species = Species(rawValue: name), species != self.species {
            let later = Set(assignments.map(\.name))
            let oldDefaults = ParameterSet(species: self.species)
            var parameters = ParameterSet(species: species)
            for p in ParameterName.allCases where self.parameters[p] != oldDefaults[p] && !later.contains(p.description) {
                do { try parameters.set(p, to: self.parameters[p]) } catch {
                    report(p.description, "\(error.description) (set for a \(self.species) and kept when changing species to \(species))")
                }
            }
            result.species = species
            result.parameters = parameters
            if result.covariates.weight == self.species.referenceWeight {
                result.covariates.weight = species.referenceWeight
            }
        }

        var substitutions: [(name: String, value: String)] = []
        for assignment in assignments where assignment.name != "species" {
            let name = assignment.name
            if let parameter = ParameterName(name: name) {
                let unit = parameter.definition.unit
                guard let x = number(assignment, unit == "1" ? "a number" : "a number (\(unit))") else { continue }
                do {
                    if individualParameters.contains(name) {
                        try result.parameters.setIndividual(parameter, to: x)
                    } else {
                        try result.parameters.set(parameter, to: x)
                    }
                } catch { report(name, error.description) }
                continue
            }
            switch name {
            case "weight":
                if let x = number(assignment, "a number (body weight in kg)") { result.covariates.weight = x }
            case "age":
                if let x = number(assignment, "a number (age in years)") { result.covariates.age = x }
            case "sex":
                if let s = word(assignment, Sex.allCases.map(\.rawValue)) { result.covariates.sex = Sex(rawValue: s)! }
            case "cyp2c19":
                if let s = word(assignment, CYP2C19Phenotype.allCases.map(\.rawValue)) {
                    result.covariates.cyp2c19 = CYP2C19Phenotype(rawValue: s)!
                }
            case "tspo_knockout":
                switch assignment.value {
                case .number(let x) where x == 0 || x == 1: result.tspoKnockout = x == 1
                case .text(let s) where ["true", "false", "0", "1"].contains(s.lowercased()):
                    result.tspoKnockout = s.lowercased() == "true" || s == "1"
                default: report(name, "expected 0, 1, true or false, found \"\(assignment.value)\"")
                }
            default:
                let placeholders = regimenPlaceholders
                guard placeholders.contains(name) else {
                    let candidates = ParameterName.allCases.map(\.description) + Self.covariateNames + placeholders
                    let hint = Assignment.suggestion(for: name, among: candidates)
                    report(name, "unknown name '\(name)': not a parameter, covariate or regimen placeholder {\(name)}\(hint)")
                    unknownNames = true
                    continue
                }
                substitutions.removeAll { $0.name == name }
                substitutions.append((name, assignment.value.description))
            }
        }

        // Covariates are checked once all are set (ranges depend on the species).
        let speciesChanged = assignments.contains { $0.name == "species" }
        if speciesChanged || assignments.contains(where: { $0.name == "weight" }) {
            var probe = Covariates(species: result.species)
            probe.weight = result.covariates.weight
            do { try probe.validate(for: result.species) } catch {
                let given = assignments.contains { $0.name == "weight" }
                report("weight", error.description + (given ? Assignment.gramsHint(weight: probe.weight, species: result.species) : ""))
            }
        }
        if speciesChanged || assignments.contains(where: { $0.name == "age" }) {
            var probe = Covariates(species: result.species)
            probe.age = result.covariates.age
            do { try probe.validate(for: result.species) } catch { report("age", error.description) }
        }
        if speciesChanged || assignments.contains(where: { $0.name == "sex" || $0.name == "cyp2c19" }) {
            var probe = Covariates(species: result.species)
            probe.sex = result.covariates.sex
            probe.cyp2c19 = result.covariates.cyp2c19
            let field = assignments.contains { $0.name == "cyp2c19" } ? "cyp2c19" : "sex"
            do { try probe.validate(for: result.species) } catch { report(field, error.description) }
        }

        if let template = regimenText, !substitutions.isEmpty || !regimenPlaceholders.isEmpty {
            let text = RegimenTemplate.substitute(substitutions, in: template)
            do {
                result.regimen = try RegimenLanguage.parse(text)
                result.regimenText = text
            } catch {
                let filled = substitutions.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
                let context = filled.isEmpty ? "" : " after substituting \(filled)"
                report("regimen", "\(error.message) (at character \(error.column) of \"\(text)\"\(context))")
            }
        }

        guard problems.isEmpty else { throw InputError(unknownNames ? .usage : .data, problems) }
        return result
    }
}

/// `{name}` placeholders in regimen text: a `{`, a name (a letter or `_`, then letters, digits or
/// `_`), and a `}`.
enum RegimenTemplate {
    /// The placeholder names in `text`, distinct, in order of first appearance.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        for (name, _) in occurrences(in: text) where !names.contains(name) { names.append(name) }
        return names
    }

    /// `text` with every `{name}` of `values` replaced by its value; other braces are left alone.
    static func substitute(_ values: [(name: String, value: String)], in text: String) -> String {
        var result = ""
        var rest = text[...]
        for (name, range) in occurrences(in: text) {
            guard let value = values.last(where: { $0.name == name })?.value else { continue }
            result += text[rest.startIndex..<range.lowerBound]
            result += value
            rest = text[range.upperBound...]
        }
        return result + rest
    }

    private static func occurrences(in text: String) -> [(String, Range<String.Index>)] {
        var found: [(String, Range<String.Index>)] = []
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "{") {
            var j = text.index(after: open)
            var name = ""
            while j < text.endIndex, text[j].isASCII, text[j].isLetter || text[j].isNumber || text[j] == "_" {
                name.append(text[j])
                j = text.index(after: j)
            }
            if j < text.endIndex, text[j] == "}", let first = name.first, !first.isNumber {
                found.append((name, open..<text.index(after: j)))
                i = text.index(after: j)
            } else {
                i = text.index(after: open)
            }
        }
        return found
    }
}
