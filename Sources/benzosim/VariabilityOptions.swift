import ArgumentParser
import Pharmacology
import Sweep

/// Between-subject variability and covariate distributions of a virtual population, shared by
/// `benzosim population` and `benzosim taper --population`, so that both spell, parse and check
/// `--bsv`, `--age`, `--weight`, their ranges, `--female` and `--cyp2c19` identically.
struct VariabilityOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Between-subject variability: NAME=OMEGA, θᵢ = θ·exp(ηᵢ), η ~ N(0, ω²), θ the scenario's value (repeatable).", valueName: "NAME=omega"))
    var bsv: [String] = []

    @Option(help: ArgumentHelp("Age ~ Normal(MEAN, SD) in years, truncated to --age-range.", valueName: "MEAN:SD"))
    var age: String?

    @Option(help: ArgumentHelp("Truncation range of --age (years; default 18:90).", valueName: "LOW:HIGH"))
    var ageRange: String?

    @Option(help: ArgumentHelp("Age ~ Uniform(LOW, HIGH) in years.", valueName: "LOW:HIGH"))
    var ageUniform: String?

    @Option(help: ArgumentHelp("Weight ~ log-normal with this median (kg) and coefficient of variation, truncated to --weight-range.", valueName: "MEDIAN:CV"))
    var weight: String?

    @Option(help: ArgumentHelp("Truncation range of --weight (kg; default 40:150).", valueName: "LOW:HIGH"))
    var weightRange: String?

    @Option(help: ArgumentHelp("Fraction of female subjects (0-1).", valueName: "f"))
    var female: Double?

    @Option(help: ArgumentHelp("CYP2C19 phenotype frequencies normal,intermediate,poor (sum 1), e.g. 0.7,0.27,0.03.", valueName: "n,i,p"))
    var cyp2c19: String?

    /// The default truncation ranges of `--age` (years) and `--weight` (kg).
    static let defaultAgeRange = "18:90", defaultWeightRange = "40:150"

    /// The options, for messages.
    static let names = "--bsv, --age, --age-range, --age-uniform, --weight, --weight-range, --female and --cyp2c19"

    /// Whether any of the options is given.
    var isGiven: Bool {
        !bsv.isEmpty || [age, ageRange, ageUniform, weight, weightRange, cyp2c19].contains { $0 != nil } || female != nil
    }

    func validate() throws {
        if age != nil && ageUniform != nil { throw ValidationError("give --age or --age-uniform, not both") }
        if ageRange != nil && age == nil { throw ValidationError("--age-range truncates --age MEAN:SD: give --age too (--age-uniform has its own bounds)") }
        if weightRange != nil && weight == nil { throw ValidationError("--weight-range truncates --weight MEDIAN:CV: give --weight too") }
        if let female, !(0...1).contains(female) { throw ValidationError("--female \(female) must be a fraction between 0 and 1") }
    }

    /// The `--bsv` terms around `typical`'s values.
    /// - Throws: a usage `InputError` for a malformed term or an unknown parameter (with the
    ///   closest name).
    func variability(typical: Scenario) throws(InputError) -> [(parameter: String, typicalValue: Double, omega: Double)] {
        var terms: [(parameter: String, typicalValue: Double, omega: Double)] = []
        for text in bsv {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let omega = Double(parts[1]), omega >= 0, omega.isFinite else {
                throw InputError(.usage, field: "--bsv", "'\(text)' must be NAME=OMEGA with OMEGA ≥ 0 (e.g. CL=0.3)")
            }
            guard let parameter = ParameterName(name: parts[0]) else {
                let hint = Assignment.suggestion(for: parts[0], among: ParameterName.allCases.map(\.description))
                throw InputError(.usage, field: "--bsv", "'\(parts[0])' is not a parameter\(hint.isEmpty ? " (benzosim params lists them)" : hint)")
            }
            terms.append((parts[0], typical.parameters[parameter], omega))
        }
        return terms
    }

    /// The covariate distributions.
    /// - Throws: a usage `InputError` for a malformed pair, a range with LOW above HIGH, or
    ///   malformed CYP2C19 frequencies.
    func covariates() throws(InputError) -> CovariateDistributions {
        var covariates = CovariateDistributions()
        if let age {
            let (mean, sd) = try Self.pair(age, "--age", "MEAN:SD")
            let (low, high) = try Self.pair(ageRange ?? Self.defaultAgeRange, "--age-range", "LOW:HIGH", ordered: true)
            covariates.age = .normal(mean: mean, sd: sd, range: low...high)
        }
        if let ageUniform {
            let (low, high) = try Self.pair(ageUniform, "--age-uniform", "LOW:HIGH", ordered: true)
            covariates.age = .uniform(low...high)
        }
        if let weight {
            let (median, cv) = try Self.pair(weight, "--weight", "MEDIAN:CV")
            let (low, high) = try Self.pair(weightRange ?? Self.defaultWeightRange, "--weight-range", "LOW:HIGH", ordered: true)
            covariates.weight = .init(median: median, cv: cv, range: low...high)
        }
        covariates.femaleFraction = female
        if let cyp2c19 {
            let f = cyp2c19.split(separator: ",").compactMap { Double($0) }
            guard f.count == 3 else {
                throw InputError(.usage, field: "--cyp2c19", "'\(cyp2c19)' must be three frequencies normal,intermediate,poor")
            }
            covariates.cyp2c19 = .init(normal: f[0], intermediate: f[1], poor: f[2])
        }
        return covariates
    }

    /// `A:B` as two finite numbers; with `ordered`, a range with A ≤ B.
    static func pair(_ text: String, _ flag: String, _ shape: String, ordered: Bool = false) throws(InputError) -> (Double, Double) {
        let parts = text.split(separator: ":").map { Double($0) }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a.isFinite, b.isFinite else {
            throw InputError(.usage, field: flag, "'\(text)' must be \(shape) (two numbers separated by ':')")
        }
        if ordered && a > b {
            throw InputError(.usage, field: flag, "'\(text)' has LOW \(a) above HIGH \(b): expected \(shape) with LOW ≤ HIGH, e.g. \(RunBudget.count(b)):\(RunBudget.count(a))")
        }
        return (a, b)
    }
}
