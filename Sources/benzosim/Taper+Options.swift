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
/// the variability options of `benzosim population` (`VariabilityOptions`).
struct TaperPopulationOptions: ParsableArguments {
    @Option(name: .customLong("population"), help: ArgumentHelp("Design for a virtual population of this many subjects (the schedule keeps --percentile of them under the ceiling).", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("With --population: the percentile of the subjects' peak withdrawal (relative to their ceiling) that must stay under the ceiling.", valueName: "p"))
    var percentile: Double = 90

    @Option(help: "Random seed of the population.")
    var seed: UInt64 = 1

    @OptionGroup var variability: VariabilityOptions

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--population \(count) must be at least 1") }
        if !(percentile > 0 && percentile <= 100) { throw ValidationError("--percentile \(percentile) must be in (0, 100]") }
        if count == nil && variability.isGiven { throw ValidationError("\(VariabilityOptions.names) need --population N") }
    }

    /// The subjects' models: the typical subject alone, or the population around it.
    func models(typical: Scenario) throws(InputError) -> [DiazepamModel] {
        guard let count else { return [try typical.makeModel()] }
        let terms = try variability.variability(typical: typical)
        let population: VirtualPopulation
        do { population = try VirtualPopulation(seed: seed, variability: terms, covariates: try variability.covariates()) } catch {
            throw InputError(.usage, error.problems)
        }
        var models: [DiazepamModel] = []
        for run in population.subjects(count: count) {
            let subject = try typical.applying(run.assignments, individualParameters: Set(terms.map(\.parameter)))
            models.append(try subject.makeModel())
        }
        return models
    }
}
