/// The parameter table as Markdown, for `Docs/PARAMETERS.md` and `benzosim params`: every
/// parameter with its human and mouse default, unit, plausible range and source.
public enum ParameterTable {
    /// The whole document (a test keeps `Docs/PARAMETERS.md` identical to it).
    public static var markdown: String {
        let scale = Species.mouse.pdRateScale
        var lines = [
            "# Reference model parameters",
            "",
            "Generated from `Sources/Pharmacology/Model/ParameterName.swift` (the single declaration of every",
            "parameter) and the model itself; regenerate with `swift run -c release ParameterTableExample > Docs/PARAMETERS.md`.",
            "Human values are for the reference subject (70 kg, 30-year-old man, CYP2C19 normal",
            "metaboliser); covariates scale them (see below). PD rate constants are stated at the 70 kg",
            "reference and scaled to the species by (WT/70 kg)^(-1/4): ×\(format(scale)) in a 30 g mouse; the mouse",
            "column shows the stated value and, after the arrow, the value the mouse model uses (`--set` takes",
            "the stated one). `benzosim params --species mouse` prints the same, and the values a subject is",
            "simulated with are in every run manifest (`resolved`) and, per subject of a population, in",
            "`--subject-parameters` (columns: `id`, then the rows of \"Values as simulated\" below with their",
            "units, e.g. `CL_L_per_h`, `t_half_dz_h`):",
            "",
            "    benzosim population Examples/scenarios/abrupt_stop.yaml --count 100 --bsv CL=0.3 --age-uniform 20:80 \\",
            "        -o pop.csv --subject-parameters subjects.csv",
            "",
            "A TSPO knockout sets every Ki_tspo to ∞.",
            "",
            "| name | human | mouse | unit | human range | mouse range | source | meaning |",
            "|---|---:|---:|---|---|---|---|---|",
        ]
        for p in ParameterName.allCases {
            let d = p.definition
            let mouse = p.scalesWithSpecies ? "\(format(d.mouse)) → \(format(d.mouse * scale))" : format(d.mouse)
            lines.append("| `\(d.name)` | \(format(d.human)) | \(mouse) | \(d.unit) | "
                         + "\(format(d.range.lowerBound))–\(format(d.range.upperBound)) | "
                         + "\(format(d.mouseRange.lowerBound))–\(format(d.mouseRange.upperBound)) | \(d.source) | \(d.meaning) |")
        }
        lines += resolvedSection + covariateSection + tspoSection
        return lines.joined(separator: "\n") + "\n"
    }

    /// Subjects whose resolved values the document lists.
    static let subjects: [(title: String, species: Species, covariates: Covariates)] = [
        ("human, 30 y man", .human, Covariates(weight: 70)),
        ("75 y man", .human, Covariates(weight: 70, age: 75)),
        ("75 y woman", .human, Covariates(weight: 70, age: 75, sex: .female)),
        ("CYP2C19 poor, 30 y man", .human, Covariates(weight: 70, cyp2c19: .poor)),
        ("mouse, 30 g", .mouse, Covariates(species: .mouse)),
    ]

    static var resolvedSection: [String] {
        let models = subjects.map { try! DiazepamModel(parameters: ParameterSet(species: $0.species), covariates: $0.covariates) }
        var lines = [
            "",
            "## Values as simulated",
            "",
            "What the equations use for a few subjects, after covariates and species scaling",
            "(`DiazepamModel.resolvedParameters`). Half-lives: DZ terminal and distribution phases of the",
            "two-compartment model; each metabolite's own elimination, ln 2 · V / CL.",
            "",
            "| value | unit | " + subjects.map(\.title).joined(separator: " | ") + " |",
            "|---|---|" + String(repeating: "---:|", count: subjects.count),
        ]
        let rows = models.map(\.resolvedParameters)
        for (k, first) in rows[0].enumerated() {
            lines.append("| `\(first.name)` | \(first.unit) | " + rows.map { format($0[k].value) }.joined(separator: " | ") + " |")
        }
        return lines
    }

    static var covariateSection: [String] {
        [
            "",
            "## Covariates (human)",
            "",
            "Every equation and its source is documented on `Covariates` (`Sources/Pharmacology/Model/Covariates.swift`).",
            "Age acts through a = age within 20–90 y and d = max(0, a − 30):",
            "",
            "- Size: volumes × (WT/70), clearances × (WT/70)^0.75.",
            "- DZ clearance: men × (1 − 0.0045·d), women × (1 − 0.0015·d) (Greenblatt 1980: men 0.39 → 0.24,",
            "  women 0.51 → 0.48 mL/min/kg young vs elderly; the male slope is bounded by Klotz's 20–32 mL/min, P3).",
            "- DZ volumes: V1 unchanged; V2 such that V1 + V2 = (V1 + V2)ref · t½(a)/t½(30) · CL factor, with",
            "  Klotz 1975's t½(a) = 20 + 1.17·(a − 20) h (Greenblatt 2021: 31 vs 86 h young vs elderly).",
            "- fu_dz × (1 + 0.018·(a − 30)) (Clin Sci 1980).",
            "- NDZ, men only: CL_ndz × (1 − 0.006·d), V_ndz × (1 + 0.0125·d) (Greenblatt 2021: NDZ t½ 40 vs 80 h,",
            "  steady state 30–35% higher in the elderly; NDZ after clorazepate: age effect in men only).",
            "- Sex (Ochs 1981): female V2 × 1.40, CL × 1.29.",
            "- CYP2C19 (Qin 1999): DZ CL × 1 / 0.29 / 0.22 and CL_ndz × 1 / 0.75 / 0.565 for normal /",
            "  intermediate / poor metabolisers. Volumes are unchanged, so the DZ half-life ratios are Qin's",
            "  (3.15, 4.2); Qin's clearance ratios (0.37, 0.144) cannot hold at the same time without a",
            "  0.6× volume in poor metabolisers, which genotype does not explain.",
            "",
            "Mouse: only body weight applies (relative to 30 g); age, sex or CYP2C19 on a mouse is an error.",
        ]
    }

    /// Alternative human TSPO affinities and what they do, computed from the model.
    static var tspoSection: [String] {
        var lines = [
            "",
            "## Human TSPO affinity: an open choice",
            "",
            "No human TSPO affinity for diazepam or nordazepam was found; the default `Ki_tspo_dz` =",
            "`Ki_tspo_ndz` = 10 nM is the rat value. The synapse columns of a human run (`synapses_min`,",
            "`synapse_recovery_h`) follow from it, so read them as conditional on that choice and sweep it",
            "(`--set Ki_tspo_dz=100 --set Ki_tspo_ndz=100`, or a sweep file). The GABA-A outputs (anxiolysis,",
            "tolerance, withdrawal) and all PK do not depend on it. Lowest synapse density of the reference",
            "human for each choice (computed by the model when this page was generated):",
            "",
            "| Ki_tspo_dz = Ki_tspo_ndz (nM) | meaning | single 10 mg dose | 10 mg/day for 28 days |",
            "|---:|---|---:|---:|",
        ]
        let choices: [(Double, String)] = [(10, "rat binding (default)"), (100, "10× weaker"), (1000, "100× weaker"),
                                           (.infinity, "no TSPO binding (as a knockout)")]
        for (ki, meaning) in choices {
            var p = ParameterSet(species: .human)
            try! p.set(.Ki_tspo_dz, to: ki)
            try! p.set(.Ki_tspo_ndz, to: ki)
            let model = try! DiazepamModel(parameters: p)
            let single = try! RunSummary(model: model, regimen: Regimen.repeated(10, every: 24, count: 1), endTime: 30 * 24)
            let daily = try! RunSummary(model: model, regimen: Regimen.repeated(10, every: 24, count: 28), endTime: 90 * 24)
            lines.append("| \(format(ki)) | \(meaning) | \(String(format: "%.3f", single.minimumSynapses)) | "
                         + "\(String(format: "%.3f", daily.minimumSynapses)) |")
        }
        return lines
    }

    /// A number as the tables print it: integers without a decimal point, others to 6 significant
    /// digits, `∞` for infinity.
    public static func format(_ x: Double) -> String {
        if x == .infinity { return "∞" }
        if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
        var s = String(x)
        if abs(x) < 1e-3 || abs(x) >= 1e5 { return s }
        // Trim binary noise such as 0.45899999999999996 to 6 significant digits.
        let digits = max(0, 6 - Int((log10(abs(x))).rounded(.down)) - 1)
        s = String(format: "%.\(digits)f", x)
        while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
        return s
    }
}

import Foundation
