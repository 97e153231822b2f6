import Pharmacology

extension Assignment {
    /// Parses `NAME=VALUE` as given to `--set` (spaces around the name and the value are ignored).
    ///
    /// - Parameter names (`k_syn`, `CL`, …), `weight` (kg) and `age` (years) need a number
    ///   (`inf` is allowed, NaN is not; the range is checked by `Scenario.applying(_:)`).
    /// - `sex` (`male`/`female`), `cyp2c19` (`normal`/`intermediate`/`poor`) and `species`
    ///   (`human`/`mouse`) need one of their words, in any case (stored in lower case).
    /// - `tspo_knockout` needs `0`, `1`, `true` or `false` (stored as the number 0 or 1).
    /// - Any other name is a regimen placeholder (`dose` for `{dose}mg po q24h for 7d`): its value
    ///   is a number if it reads as one, else the text as written. Whether the scenario has that
    ///   placeholder is checked by `Scenario.applying(_:)`.
    ///
    /// - Throws: `InputError` (`.usage`, field `--set`) for a missing `=`, an empty name or value,
    ///   a name that is not letters, digits and `_`, or a value of the wrong kind.
    public static func parse(_ text: String) throws(InputError) -> Assignment {
        func fail(_ message: String) -> InputError { InputError(.usage, field: "--set", message) }
        guard let equals = text.firstIndex(of: "=") else {
            throw fail("expected NAME=VALUE (e.g. k_syn=0.006), found \"\(text)\"")
        }
        let name = ScenarioFile.trimmed(String(text[..<equals]))
        let raw = ScenarioFile.trimmed(String(text[text.index(after: equals)...]))
        guard !name.isEmpty else { throw fail("expected a name before '=' (NAME=VALUE), found \"\(text)\"") }
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw fail("expected a name of letters, digits and _ before '=', found \"\(name)\"")
        }
        guard !raw.isEmpty else { throw fail("expected a value after '=' for \(name), found nothing") }

        func word(_ choices: [String]) throws(InputError) -> Assignment {
            guard let match = choices.first(where: { $0 == raw.lowercased() }) else {
                throw fail("\(name)=\(raw): expected \(ScenarioFile.choices(choices))")
            }
            return Assignment(name, .text(match))
        }
        func number(_ what: String) throws(InputError) -> Assignment {
            guard let x = ScenarioReader.number(text: raw), !x.isNaN else {
                throw fail("\(name)=\(raw): expected \(what)")
            }
            return Assignment(name, .number(x))
        }

        if let parameter = ParameterName(name: name) {
            let unit = parameter.definition.unit
            return try number(unit == "1" ? "a number" : "a number (\(unit))")
        }
        switch name {
        case "weight": return try number("a number (body weight in kg)")
        case "age": return try number("a number (age in years)")
        case "sex": return try word(Sex.allCases.map(\.rawValue))
        case "cyp2c19": return try word(CYP2C19Phenotype.allCases.map(\.rawValue))
        case "species": return try word(Species.allCases.map(\.rawValue))
        case "tspo_knockout":
            switch raw.lowercased() {
            case "1", "true": return Assignment(name, .number(1))
            case "0", "false": return Assignment(name, .number(0))
            default: throw fail("\(name)=\(raw): expected 0, 1, true or false")
            }
        default:
            if let x = ScenarioReader.number(text: raw), x.isFinite { return Assignment(name, .number(x)) }
            return Assignment(name, .text(raw))
        }
    }
}
