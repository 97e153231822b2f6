import ODE
import Pharmacology

/// The result of simulating one scenario: the subject's model, its sampled trajectory and the
/// per-run summary.
public struct ScenarioResult: Sendable {
    /// The resolved model (parameters and covariates applied).
    public let model: DiazepamModel
    /// States at the sample times.
    public let trajectory: Trajectory
    /// The MODEL.md summary row.
    public let summary: RunSummary
    /// With an event-table individual: which row each sample is, and the time after dose.
    public var records: RecordTrajectory? = nil
    /// The event-table individual the rows of `records` belong to.
    public var eventSubject: EventTable.Subject? = nil
    /// With values that change with time: the model each sample's outputs are derived with (its
    /// record's values); `nil`: `model` for every sample.
    public var outputModels: [DiazepamModel]? = nil
    /// The scenario's reset times (h, `Scenario.resetTimes`): `tad_h` on sampled rows starts again at each.
    public var resetTimes: [Double] = []
}


extension Scenario {
    /// The doses simulated, in mg: `regimen` itself, or with amounts per kg (`5mg/kg ip q24h for
    /// 7d`) times this subject's body weight (`covariates.weight`, the scenario's, the population
    /// subject's own sampled weight or the event table's WT; the mouse's for a mouse).
    /// - Precondition: the weight is finite and > 0 (`makeModel()` checks it first).
    public func resolvedRegimen() -> Regimen {
        regimen.inMilligrams(weight: covariates.weight)
    }

    /// The subject's model.
    /// - Throws: `InputError` (data) for covariates outside their range.
    public func makeModel() throws(InputError) -> DiazepamModel {
        do {
            return try DiazepamModel(parameters: parameters, covariates: covariates, tspoKnockout: tspoKnockout)
        } catch {
            throw InputError(.data, field: "covariates", error.description)
        }
    }

    /// Simulates the scenario, after checking it against `budget` (`check(budget:)`).
    /// - Parameter sampled: `false` when nobody reads the trajectory (summaries only): the result's
    ///   trajectory is then empty and only the summary grid is simulated and checked (the summary
    ///   is bit for bit the same; dense sampling no longer costs anything). Event-table subjects are
    ///   always sampled at their rows.
    /// - Throws: `InputError` for an invalid model setup, a scenario over budget, or a result with
    ///   a NaN or infinite value (naming the output, the time and the largest dose); `ODEError`
    ///   (wrapped as `ScenarioRunError`) when the solver fails.
    public func run(budget: RunBudget = .standard, sampled: Bool = true) throws(ScenarioRunError) -> ScenarioResult {
        let model: DiazepamModel
        do {
            try check(budget: budget)
            model = try makeModel()
        } catch { throw .input(error) }
        // Weight known (and checked): mg/kg doses become this subject's mg doses, never left as mg.
        let regimen = resolvedRegimen()
        if let k = regimen.doses.firstIndex(where: { !$0.amount.isFinite }) {
            throw .input(InputError(.data, field: "regimen",
                                    "the dose of \(self.regimen.doses[k].amount) mg/kg at \(regimen.doses[k].time) h times the weight "
                                    + "\(covariates.weight) kg is not a finite number of mg: check the amount"))
        }
        if let k = regimen.doses.firstIndex(where: { $0.amount > RunBudget.largestDose }) {
            throw .input(InputError(.data, field: "regimen",
                                    "the dose of \(self.regimen.doses[k].amount) mg/kg at \(regimen.doses[k].time) h times the weight "
                                    + "\(covariates.weight) kg is \(RunBudget.count(regimen.doses[k].amount)) mg, above "
                                    + "\(RunBudget.count(RunBudget.largestDose)) mg (1 kg), the largest dose accepted: check the amount and its unit"))
        }
        let trajectory: Trajectory, summary: RunSummary
        var records: RecordTrajectory? = nil
        var outputModels: [DiazepamModel]? = nil
        var gridProblem: (time: Double, variable: OutputVariable, value: Double)? = nil
        do {
            if let timeVarying {
                let result = try runTimeVarying(timeVarying, subject: eventSubject, base: model)
                (trajectory, summary, records, outputModels) = (result.trajectory, result.summary, result.records, result.outputModels)
            } else if let eventSubject {
                records = try simulate(model, subject: eventSubject, endTime: endTime, options: solver)
                trajectory = records!.trajectory
                // `regimen` carries the table's steady-state rows (`forSubject`): the summary counts their pre-history.
                summary = try RunSummary(model: model, regimen: regimen, resetTimes: resetTimes, endTime: endTime, options: solver)
            } else if !sampled {
                let run = try simulateSummary(model, regimen: regimen, resetTimes: resetTimes, endTime: endTime, options: solver)
                (trajectory, summary, gridProblem) = (Trajectory(times: [], states: [], statistics: run.statistics), run.summary, run.firstNonFinite)
            } else {
                (trajectory, summary) = try simulateWithSummary(model, regimen: regimen, resetTimes: resetTimes,
                                                                sampleTimes: sampleTimes(), endTime: endTime, options: solver)
            }
        } catch let error as ScenarioRunError {
            throw error
        } catch let error as ODEError {
            throw .solver(error)
        } catch {
            throw .input(InputError(.data, field: "result", String(describing: error)))
        }
        if let bad = gridProblem ?? trajectory.firstNonFiniteValue(model: model, models: outputModels) {
            let largest = regimen.doses.map(\.amount).max() ?? 0
            throw .input(InputError(.data, field: "result",
                                    "\(bad.variable.columnName) is \(bad.value) at t = \(bad.time) h: the result overflows double precision "
                                    + "(largest dose \(largest) mg); check the doses and parameters"))
        }
        return ScenarioResult(model: model, trajectory: trajectory, summary: summary, records: records, eventSubject: eventSubject,
                              outputModels: outputModels, resetTimes: resetTimes)
    }
}

/// Why a scenario could not be simulated.
public enum ScenarioRunError: Error, Sendable, CustomStringConvertible {
    /// The scenario is invalid (a data error).
    case input(InputError)
    /// The ODE solver failed (with the time and what to try).
    case solver(ODEError)

    /// One line.
    public var description: String {
        switch self {
        case .input(let e): return e.description
        case .solver(let e): return "simulation failed: \(e.description)"
        }
    }
}

extension Scenario {
    /// One run of a sweep or population as CSV text: the base scenario with `common` (e.g. `--set`)
    /// and then the run's assignments applied, simulated, its summary row and (with a
    /// `trajectories` format) its trajectory rows, in the columns of `columns` when given. Any failure becomes a `failed` row with the
    /// reason; nothing is thrown. With `individual`, the run's parameter values are a virtual
    /// subject's (only physical bounds are checked; see `applying(_:individualParameters:)`).
    /// A run over `budget` or with a non-finite result is a failed row. With `samples`, the output
    /// also carries every output's values for `PercentileBands`.
    public func output(for run: RunSpec, common: [Assignment] = [], individual: Bool = false, budget: RunBudget = .standard,
                       summary writer: SummaryWriter, trajectories: TrajectoryFormat?, samples: Bool = false,
                       columns: EventTableTrajectoryWriter? = nil) -> RunOutput {
        do {
            // One call: regimen placeholders may be filled by `common` or by the run.
            let scenario = try applying(common + run.assignments,
                                        individualParameters: individual ? Set(run.assignments.map(\.name)) : [])
            let result = try scenario.run(budget: budget, sampled: trajectories != nil || samples)
            // `columns` (the output selection, carried columns, tad) replaces the plain layout.
            let rows = trajectories == nil ? ""
                : (columns ?? (result.outputModels != nil ? EventTableTrajectoryWriter(format: trajectories!) : nil))?
                    .rows(id: run.id, result: result, regimen: scenario.regimen)
                    ?? trajectories!.rows(id: run.id, trajectory: result.trajectory, model: result.model)
            var output = RunOutput(trajectoryRows: rows, summaryRow: writer.row(run: run, summary: result.summary))
            if samples {
                output.sampleTimes = result.trajectory.times
                output.sampleValues = PercentileBands.sampleValues(trajectory: result.trajectory, model: result.model,
                                                                   models: result.outputModels)
            }
            return output
        } catch let error as InputError {
            return failed(run, writer, error.description)
        } catch let error as ScenarioRunError {
            return failed(run, writer, error.description)
        } catch {
            return failed(run, writer, String(describing: error))
        }
    }

    private func failed(_ run: RunSpec, _ writer: SummaryWriter, _ message: String) -> RunOutput {
        RunOutput(summaryRow: writer.failedRow(run: run, message: message), status: .failed(message: message))
    }
}
