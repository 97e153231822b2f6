/// The parameter table as Markdown, for `Docs/PARAMETERS.md` and `benzosim params`: every
/// parameter with its human and mouse default, unit, plausible range and source.
public enum ParameterTable {
    /// The whole document (a test keeps `Docs/PARAMETERS.md` identical to it).
    public static var markdown: String {
        var lines = [
            "# Reference model parameters",
            "",
            "Generated from `Sources/Pharmacology/Model/ParameterName.swift` (the single declaration of every",
            "parameter); regenerate with `swift run -c release ParameterTableExample > Docs/PARAMETERS.md`.",
            "Human values are for the reference subject (70 kg, 30-year-old man, CYP2C19 normal",
            "metaboliser); covariates scale them (see below). PD rate constants are given at the 70 kg",
            "reference and scaled to the species by (WT/70 kg)^(-1/4): ×\(format(Species.mouse.pdRateScale)) in a 30 g mouse.",
            "A TSPO knockout sets every Ki_tspo to ∞. Human TSPO affinity for diazepam is unknown (the",
            "rodent Ki ≈ 10 nM predicts a large human synapse loss): treat `Ki_tspo_dz` and `Ki_tspo_ndz` as",
            "sweep parameters.",
            "",
            "| name | human | mouse | unit | human range | mouse range | source | meaning |",
            "|---|---:|---:|---|---|---|---|---|",
        ]
        for p in ParameterName.allCases {
            let d = p.definition
            let scaled = p.scalesWithSpecies ? " (×species scale)" : ""
            lines.append("| `\(d.name)` | \(format(d.human)) | \(format(d.mouse))\(scaled) | \(d.unit) | "
                         + "\(format(d.range.lowerBound))–\(format(d.range.upperBound)) | "
                         + "\(format(d.mouseRange.lowerBound))–\(format(d.mouseRange.upperBound)) | \(d.source) | \(d.meaning) |")
        }
        lines += [
            "",
            "## Covariates (human)",
            "",
            "- Size: volumes × (WT/70), clearances × (WT/70)^0.75.",
            "- Age (Klotz 1975): clearance unchanged; V1 and V2 × (20 + 1.17·(age − 20)) / 31.7, so the",
            "  terminal half-life follows t½ ≈ 20 + 1.17·(age − 20) h; fu_dz × (1 + 0.018·(age − 30)).",
            "- Sex (Ochs 1981): female V2 × 1.40, CL × 1.29.",
            "- CYP2C19 (Qin 1999): CL × 1 / 0.37 / 0.144 and CL_ndz × 1 / 0.75 / 0.565 for normal /",
            "  intermediate / poor metabolisers.",
            "",
            "Mouse: only body weight applies (relative to 30 g).",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ x: Double) -> String {
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
