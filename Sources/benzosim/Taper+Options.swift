import ArgumentParser
import Foundation
import ODE
import Pharmacology
import Sweep

/// Who a taper is designed for: a scenario file and/or options, as in `simulate` (without the
/// regimen and sampling options, which the designer decides).
struct TaperSubjectOptions: ParsableArguments {
    @Argument(help: "Scenario file (.yaml, .yml, .toml or .json) giving the subject; its regimen is the maintenance unless --from is given.")
    var scenario: String?

    @Option(help: ArgumentHelp("Species when no scenario file is given: human or mouse.", valueName: "name"))
    var species: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set a parameter or covariate (weight, age, sex, cyp2c19, tspo_knockout), overriding the file. Repeatable.", valueName: "NAME=VALUE"))
    var assignments: [String] = []

    @Option(help: ArgumentHelp("ODE solver (benzosim methods lists them).", valueName: "name"))
    var method: String?

    @Option(help: "Relative tolerance (> 0).")
    var rtol: Double?

    @Option(help: "Absolute tolerance (> 0; mg for drug amounts).")
    var atol: Double?

    func validate() throws {
        if let method, ODEMethod(rawValue: method.lowercased()) == nil {
            throw ValidationError("--method '\(method)' is not a solver; use one of \(ODEMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let species, Species(rawValue: species) == nil { throw ValidationError("--species '\(species)' is not a species; use human or mouse") }
        if species != nil && scenario != nil { throw ValidationError("--species applies only without a scenario file; set `species:` in the file instead") }
        if let rtol, !(rtol > 0 && rtol < 1) { throw ValidationError("--rtol \(rtol) must be a number between 0 and 1 (e.g. 1e-8)") }
        if let atol, !(atol > 0) { throw ValidationError("--atol \(atol) must be a number > 0 (e.g. 1e-10)") }
    }

    /// The scenario file (or the species' defaults), the solver options, then `--set`.
    func resolve() throws(InputError) -> Scenario {
        var scenario = try scenario.map { path throws(InputError) in try ScenarioFile.load(path: path) }
            ?? Scenario(species: Species(rawValue: species ?? "human") ?? .human, regimen: .empty, endTime: 24)
        if let method { scenario.solver.method = ODEMethod(rawValue: method.lowercased())! }
        if let rtol { scenario.solver.rtol = rtol }
        if let atol { scenario.solver.atol = atol }
        var parsed: [Assignment] = []
        var problems: [InputProblem] = []
        for text in assignments {
            do { parsed.append(try Assignment.parse(text)) } catch { problems += error.problems }
        }
        if !problems.isEmpty { throw InputError(.usage, problems.map { var p = $0; p.field = p.field ?? "--set"; return p }) }
        return try scenario.applying(parsed)
    }
}

/// A virtual population for `taper`: `--population N` subjects drawn by `VirtualPopulation` with
/// the same variability options as `benzosim population`.
struct VariabilityOptions: ParsableArguments {
    @Option(name: .customLong("population"), help: ArgumentHelp("Design for a virtual population of this many subjects (the schedule keeps --percentile of them under the ceiling).", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("With --population: the percentile of the subjects' peak withdrawal (relative to their ceiling) that must stay under the ceiling.", valueName: "p"))
    var percentile: Double = 90

    @Option(help: "Random seed of the population.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Between-subject variability: NAME=OMEGA, θᵢ = θ·exp(ηᵢ), η ~ N(0, ω²) (repeatable).", valueName: "NAME=omega"))
    var bsv: [String] = []

    @Option(help: ArgumentHelp("Age ~ Uniform(LOW, HIGH) in years.", valueName: "LOW:HIGH"))
    var ageUniform: String?

    @Option(help: ArgumentHelp("Fraction of female subjects (0-1).", valueName: "f"))
    var female: Double?

    @Option(help: ArgumentHelp("CYP2C19 phenotype frequencies normal,intermediate,poor (sum 1), e.g. 0.7,0.27,0.03.", valueName: "n,i,p"))
    var cyp2c19: String?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--population \(count) must be at least 1") }
        if !(percentile > 0 && percentile <= 100) { throw ValidationError("--percentile \(percentile) must be in (0, 100]") }
        if count == nil && (!bsv.isEmpty || ageUniform != nil || female != nil || cyp2c19 != nil) {
            throw ValidationError("--bsv, --age-uniform, --female and --cyp2c19 need --population N")
        }
    }

    /// The subjects' models: the typical subject alone, or the population around it.
    func models(typical: Scenario) throws(InputError) -> [DiazepamModel] {
        guard let count else { return [try typical.makeModel()] }
        var variability: [(parameter: String, typicalValue: Double, omega: Double)] = []
        for text in bsv {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let omega = Double(parts[1]), omega >= 0, omega.isFinite else {
                throw InputError(.usage, field: "--bsv", "'\(text)' must be NAME=OMEGA with OMEGA ≥ 0 (e.g. CL=0.3)")
            }
            guard let parameter = ParameterName(name: parts[0]) else {
                throw InputError(.usage, field: "--bsv", "'\(parts[0])' is not a parameter (benzosim params lists them)")
            }
            variability.append((parts[0], typical.parameters[parameter], omega))
        }
        var covariates = CovariateDistributions()
        if let ageUniform {
            let v = ageUniform.split(separator: ":").compactMap { Double($0) }
            guard v.count == 2, v[0] <= v[1] else { throw InputError(.usage, field: "--age-uniform", "'\(ageUniform)' must be LOW:HIGH, e.g. 20:80") }
            covariates.age = .uniform(v[0]...v[1])
        }
        covariates.femaleFraction = female
        if let cyp2c19 {
            let f = cyp2c19.split(separator: ",").compactMap { Double($0) }
            guard f.count == 3 else { throw InputError(.usage, field: "--cyp2c19", "'\(cyp2c19)' must be three frequencies normal,intermediate,poor") }
            covariates.cyp2c19 = .init(normal: f[0], intermediate: f[1], poor: f[2])
        }
        let population: VirtualPopulation
        do { population = try VirtualPopulation(seed: seed, variability: variability, covariates: covariates) } catch {
            throw InputError(.usage, error.problems)
        }
        var models: [DiazepamModel] = []
        for run in population.subjects(count: count) {
            let subject = try typical.applying(run.assignments, individualParameters: Set(variability.map(\.parameter)))
            models.append(try subject.makeModel())
        }
        return models
    }
}
