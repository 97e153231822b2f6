import Pharmacology

/// The individuals of an event table as the subjects of a population or a sweep: each with its
/// own doses, rows and data values, the plan's variability or design on top.
///
/// - Population (`populationRun`): run `i` is individual `i mod n` (n individuals), so `--count n`
///   simulates each once and a larger count repeats them with fresh draws. A drawn parameter value
///   θᵢ = θ·exp(ηᵢ) becomes the individual's own value times exp(ηᵢ); a drawn covariate is used
///   only when the individual's rows do not give it. The run's ID is the individual's, followed
///   by `-r` for its r-th replicate when the count exceeds n.
/// - Sweep (`sweepPlan`): every design point is run for every individual (point-major order), the
///   point's values replacing the data's; the run's ID is `point/individual`.
///
/// Which individual a run uses depends only on its index, so the output is the same for any
/// `--threads` and the shards concatenate to the whole.
public struct EventTableSubjects: Sendable {
    /// Each individual's scenario, data applied.
    public let scenarios: [Scenario]
    /// The names each individual's rows set (parameters, `weight`, `age`, `sex`, `cyp2c19`).
    let dataNames: [Set<String>]
    /// The scenario the individuals are built on (the plan's typical values).
    let typical: Scenario
    /// The individuals' IDs.
    let ids: [String]

    /// The individuals of `table` on `typical`.
    /// - Throws: `InputError` at the file, line and column of a value that cannot be used.
    public init(table: EventTable, columns: EventTableColumns, typical: Scenario, keepSampling: Bool,
                until: Double?) throws(InputError) {
        var scenarios: [Scenario] = []
        var names: [Set<String>] = []
        var problems: [InputProblem] = []
        for subject in table.subjects {
            do {
                scenarios.append(try typical.forSubject(subject, keepSampling: keepSampling, until: until, columns: columns))
                names.append(Set(try columns.assignments(of: subject).map(\.assignment.name)))
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw InputError(.data, problems) }
        if scenarios.isEmpty { throw InputError(.data, file: columns.file, "the event table has no individuals") }
        self.scenarios = scenarios
        self.dataNames = names
        self.typical = typical
        self.ids = table.subjects.map(\.id)
    }

    /// Population run `run` on its individual: IDs as documented on the type, parameter draws
    /// relative to the individual's value, covariate draws only where the data gives none.
    public func populationRun(_ run: RunSpec, total: Int) -> (scenario: Scenario, run: RunSpec) {
        let n = scenarios.count
        let s = run.index % n
        let scenario = scenarios[s]
        var adjusted = run
        adjusted.id = total > n ? "\(ids[s])-\(run.index / n + 1)" : ids[s]
        adjusted.assignments = run.assignments.compactMap { a in
            if let p = ParameterName(name: a.name), case .number(let x) = a.value {
                return Assignment(a.name, .number(x * scenario.parameters[p] / typical.parameters[p]))
            }
            return dataNames[s].contains(a.name) ? nil : a
        }
        return (scenario, adjusted)
    }

    /// Every point of `plan` for every individual, point-major.
    public func sweepPlan(_ plan: [RunSpec]) -> [RunSpec] {
        var runs: [RunSpec] = []
        runs.reserveCapacity(plan.count * scenarios.count)
        for point in plan {
            for s in scenarios.indices {
                runs.append(RunSpec(index: runs.count, id: "\(point.id)/\(ids[s])", assignments: point.assignments))
            }
        }
        return runs
    }

    /// The individual of sweep run `run` (from `sweepPlan`).
    /// A value the point sets replaces the data's, also one that changes with time.
    public func sweepScenario(_ run: RunSpec) -> Scenario {
        var scenario = scenarios[run.index % scenarios.count]
        scenario.timeVarying = scenario.timeVarying?.removing(Set(run.assignments.map(\.name)))
        return scenario
    }
}
