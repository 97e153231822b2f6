import Pharmacology

extension Assignment {
    /// The "did you mean" hint for an unknown input name, with a leading space, or `""`: every
    /// candidate of a family `name` starts (`Ki_tspo` → `'Ki_tspo_dz', 'Ki_tspo_ndz', …`), else
    /// the closest candidate when `name` looks like a typo of one (`k_sin` → `'k_syn'`).
    public static func suggestion(for name: String, among candidates: [String]) -> String {
        let stem = name.lowercased().trimmingSuffix("_")
        let family = stem.count >= 2 ? candidates.filter { $0.lowercased().hasPrefix(stem + "_") } : []
        guard !family.isEmpty else {
            return ScenarioFile.closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
        }
        return " (did you mean " + (family.count == 1 ? "'\(family[0])'" : "one of " + family.map { "'\($0)'" }.joined(separator: ", ")) + "?)"
    }
}

extension Assignment {
    /// For a mouse weight outside the mouse range that would fit it read as grams (25 → 0.025
    /// kg), the hint `(did you give grams? 25 g is 0.025 kg)`, with a leading space; else `""`.
    public static func gramsHint(weight: Double, species: Species) -> String {
        guard species == .mouse, weight.isFinite else { return "" }
        var probe = Covariates(species: .mouse)
        probe.weight = weight / 1000
        guard (try? probe.validate(for: .mouse)) != nil else { return "" }
        return " (did you give grams? \(CSVFormat.format(weight)) g is \(CSVFormat.format(weight / 1000)) kg)"
    }
}

private extension String {
    func trimmingSuffix(_ suffix: Character) -> String {
        var s = self
        while s.last == suffix { s.removeLast() }
        return s
    }
}
