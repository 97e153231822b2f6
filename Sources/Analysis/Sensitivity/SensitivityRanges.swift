import Pharmacology
import Sweep

/// Which inputs a sensitivity analysis varies by default, over which ranges, and which outputs it
/// reports.
public enum SensitivityDefaults {
    /// The default outputs: the withdrawal peak and its time, the synapse minimum, the synapse
    /// recovery time, and the DZ and NDZ steady-state troughs. Each is used when the summary has
    /// that column (`SummaryWriter.summaryColumns`), so the troughs join as soon as the summary
    /// provides them.
    public static let outputs: [String] = [
        "withdrawal_peak", "withdrawal_peak_time_h", "synapses_min", "synapse_recovery_h",
        "dz_ctrough_ss_ng_per_mL", "ndz_ctrough_ss_ng_per_mL",
    ].filter(SummaryWriter.summaryColumns.contains)

    /// Whether a parameter is explored log-uniformly: rate constants (unit 1/h) and affinities
    /// (unit nM), which are uncertain by a factor rather than by an amount.
    public static func isLogScale(_ parameter: ParameterName) -> Bool {
        ["1/h", "nM"].contains(parameter.definition.unit)
    }

    /// The range of `parameter` from the parameter table (`benzosim params`) for `species`, or nil
    /// when its plausible range is open-ended (the TSPO affinities: 0.1 nM…∞) or a single value.
    public static func range(of parameter: ParameterName, species: Species) -> ParameterRange? {
        let r = parameter.definition.range(for: species)
        guard r.lowerBound.isFinite, r.upperBound.isFinite, r.lowerBound < r.upperBound else { return nil }
        let log = isLogScale(parameter) && r.lowerBound > 0
        return ParameterRange(parameter.description, lower: r.lowerBound, upper: r.upperBound, scale: log ? .log : .linear)
    }

    /// The inputs to vary: `names` (default: every parameter with a finite plausible range, in
    /// table order) with `overrides` replacing their table ranges. Without `names`, overrides of
    /// other inputs (e.g. `Ki_tspo_dz`, or a covariate such as `weight`) are added at the end.
    /// - Throws: a usage `InputError` for a name without a range (neither a table range nor an
    ///   override), or an override of a name missing from an explicit `names`.
    public static func ranges(names: [String]?, overrides: [ParameterRange], species: Species) throws(InputError) -> [ParameterRange] {
        var problems: [InputProblem] = []
        func tableRange(_ name: String) -> ParameterRange? {
            ParameterName(name: name).flatMap { range(of: $0, species: species) }
        }
        var seen = Set<String>()
        for o in overrides where !seen.insert(o.name).inserted {
            problems.append(InputProblem(field: "--range", message: "\(o.name) has more than one --range; give it once"))
        }
        var result: [ParameterRange]
        if let names {
            for o in overrides where !names.contains(o.name) {
                problems.append(InputProblem(field: "--range", message: "\(o.name) has a --range but is not in --params; add it to --params"))
            }
            result = []
            for name in names {
                if let o = overrides.first(where: { $0.name == name }) { result.append(o); continue }
                if let r = tableRange(name) { result.append(r); continue }
                let hint = ParameterName(name: name).map { p -> String in
                    let r = p.definition.range(for: species)
                    return "its plausible range \(r.lowerBound)…\(r.upperBound) \(p.definition.unit) is open-ended"
                } ?? "it is not a model parameter (benzosim params lists them)"
                problems.append(InputProblem(field: "--params", message: "\(name) has no range to explore: \(hint); give one with --range \(name)=LOW:HIGH[:log]"))
            }
        } else {
            result = ParameterName.allCases.compactMap { p in
                overrides.first(where: { $0.name == p.description }) ?? range(of: p, species: species)
            }
            for o in overrides where !result.contains(where: { $0.name == o.name }) { result.append(o) }
        }
        if !problems.isEmpty { throw InputError(.usage, problems) }
        return result
    }

    /// The parameters of a local analysis by default: every model parameter with a finite value in
    /// `scenario`, bounded by its plausible range (which may be open-ended here) and log-scaled as
    /// in `isLogScale`; `names` to choose some (they must be model parameters: the base value comes
    /// from the scenario).
    /// - Returns: the ranges and the base values.
    /// - Throws: a usage `InputError` for a name that is not a model parameter.
    public static func localParameters(names: [String]?, scenario: Scenario) throws(InputError) -> (ranges: [ParameterRange], base: [Double]) {
        var chosen: [ParameterName] = []
        if let names {
            var problems: [InputProblem] = []
            for name in names {
                if let p = ParameterName(name: name) { chosen.append(p) } else {
                    problems.append(InputProblem(field: "--params", message: "\(name) is not a model parameter: local sensitivity needs its value in the scenario (benzosim params lists the parameters)"))
                }
            }
            if !problems.isEmpty { throw InputError(.usage, problems) }
        } else {
            chosen = ParameterName.allCases.filter { scenario.parameters[$0].isFinite }
        }
        let ranges = chosen.map { p in
            let r = p.definition.range(for: scenario.species)
            return ParameterRange(p.description, lower: r.lowerBound, upper: r.upperBound,
                                  scale: isLogScale(p) && scenario.parameters[p] > 0 ? .log : .linear)
        }
        return (ranges, chosen.map { scenario.parameters[$0] })
    }
}
