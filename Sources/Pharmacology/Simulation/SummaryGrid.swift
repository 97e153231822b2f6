import ODE

/// The internal sample grid the run summary is read from, fixed by the regimen alone (never by the
/// user's sampling), so a summary is the same whatever `--every` says.
///
/// The run is cut at every action time (dose entry after the lag, infusion start and end, reset)
/// into smooth pieces. Each piece is sampled just after its start (the state after the jump; its
/// reported time is the action time), then at offsets growing geometrically from `firstStep`
/// (0.02 h) by `growth` (×1.25) up to `maximumStep` (1 h), and at its end (the state just before
/// the next action, the pre-dose trough). About 40 samples per daily dose: peaks within the first
/// hours after a dose are sampled every 0.02–0.2 h, and every extremum inside a piece is refined by
/// the parabola through its sample and its two neighbours. `extraTimes` (e.g. the bounds of the
/// maintenance interval) are added as they are.
struct SummaryGrid {
    /// First offset after an action (h).
    static let firstStep = 0.02
    /// Growth of the spacing from one sample to the next.
    static let growth = 1.25
    /// Largest spacing (h).
    static let maximumStep = 1.0

    /// Sample times (h), strictly increasing, all within `0 … endTime`.
    var times: [Double] = []
    /// The time each sample reports (h): its own, except just after an action, where it is the action's.
    var reportTimes: [Double] = []
    /// Whether a sample starts a smooth piece (just after an action, or time 0).
    var startsPiece: [Bool] = []

    init(actionTimes: [Double], extraTimes: [Double], endTime: Double) {
        // The piece bounds: the distinct action times within the run, 0 and the end, in order.
        let actions = actionTimes.filter { $0 >= 0 && $0 <= endTime }.sorted()
        var bounds: [Double] = [], isAction: [Bool] = []
        var a = 0
        for b in [0, endTime] {
            while a < actions.count && actions[a] <= b {
                if bounds.last != actions[a] { bounds.append(actions[a]); isAction.append(true) }
                a += 1
            }
            if bounds.last != b { bounds.append(b); isAction.append(false) }
        }
        while a < actions.count {
            if bounds.last != actions[a] { bounds.append(actions[a]); isAction.append(true) }
            a += 1
        }
        // The pieces' samples come out in time order; the extra times are merged in, a piece's
        // sample first where both fall on one time (only the first sample of a time is kept).
        let extras = extraTimes.filter { $0 >= 0 && $0 <= endTime }.sorted()
        var e = 0
        func add(_ time: Double, report: Double, start: Bool) {
            while e < extras.count && extras[e] < time { keep(extras[e], report: extras[e], start: false); e += 1 }
            keep(time, report: report, start: start)
        }
        func keep(_ time: Double, report: Double, start: Bool) {
            guard times.last != time else { return }
            times.append(time)
            reportTimes.append(report)
            startsPiece.append(start)
        }
        for (k, b) in bounds.enumerated() {
            add(b, report: b, start: b == 0 && !isAction[k])
            guard k + 1 < bounds.count else { break }
            let next = bounds[k + 1]
            if isAction[k] { add(b.nextUp, report: b, start: true) }
            var h = Self.firstStep, offset = h
            while b + offset < next {
                add(b + offset, report: b + offset, start: false)
                h = min(h * Self.growth, Self.maximumStep)
                offset += h
            }
        }
        while e < extras.count { keep(extras[e], report: extras[e], start: false); e += 1 }
    }

    /// Whether samples `i − 1`, `i`, `i + 1` lie on one smooth piece (a parabola through them is valid).
    func isInterior(_ i: Int) -> Bool {
        i > 0 && i + 1 < times.count && !startsPiece[i] && !startsPiece[i + 1]
    }
}

/// What the summary of one run is read from besides the states: the regimen's dosing actions
/// (steady-state entries and what their implied earlier doses still put in included, `DosingPlan`),
/// its maintenance phase and the `SummaryGrid`.
private struct SummaryPlan {
    let dosing: DosingPlan
    let phase: MaintenancePhase?
    let grid: SummaryGrid

    init(model: DiazepamModel, regimen: Regimen, resetTimes: [Double], endTime: Double,
         options: SimulationOptions) throws(ODEError) {
        dosing = try DosingPlan(model, regimen: regimen, resetTimes: resetTimes, endTime: endTime, options: options)
        phase = MaintenancePhase.longest(in: regimen, resetTimes: resetTimes)
        var extra = regimen.doses.map(\.time)
        if let phase { extra += [phase.lastInterval.lowerBound, phase.lastInterval.upperBound] }
        grid = SummaryGrid(actionTimes: dosing.actions.map(\.time), extraTimes: extra, endTime: endTime)
    }

    /// The summary of the states on `grid.times` (12 per sample).
    func summary(states: [Double], model: DiazepamModel, regimen: Regimen, withdrawalThreshold: Double) -> RunSummary {
        summary(series: SummarySeries(states: states, count: grid.times.count, model: model, outputModel: nil),
                pk: exactPK(model), model: model, regimen: regimen, withdrawalThreshold: withdrawalThreshold)
    }

    /// The summary of `series`; `pk`, the closed-form PK of the plan's doses, places concentration peaks
    /// exactly between samples.
    func summary(series: SummarySeries, pk: PKSchedule?, model: DiazepamModel, regimen: Regimen,
                 withdrawalThreshold: Double) -> RunSummary {
        RunSummary(grid: grid, series: series, model: model, regimen: regimen, phase: phase,
                   exact: pk.map { ExactConcentrations($0, model: model) }, withdrawalThreshold: withdrawalThreshold)
    }

    /// The closed-form PK of the plan's doses, or `nil` when the PK matrix has no well-conditioned eigenbasis.
    func exactPK(_ model: DiazepamModel) -> PKSchedule? {
        (try? LinearPropagator(matrix: model.pkMatrix, dimension: DiazepamModel.pkDimension)).map {
            PKSchedule(model: model, propagator: $0, actions: dosing.actions, initialAmounts: dosing.initialAmounts)
        }
    }

    /// The run on `times` (sorted, h) from the plan's initial state.
    func simulate(_ model: DiazepamModel, sampleTimes times: [Double], endTime: Double,
                  options: SimulationOptions) throws(ODEError) -> Trajectory {
        try Pharmacology.simulate(model, actions: dosing.actions, initialState: dosing.initialState, sampleTimes: times,
                                  endTime: endTime, options: options)
    }
}

/// Simulates `regimen` for one subject, returning the trajectory at `sampleTimes` and the run
/// summary read from the internal `SummaryGrid` (one integration: the solver saves at both grids,
/// and saving never changes its steps, so the summary does not depend on `sampleTimes`).
/// - Parameters as for `simulate(_:regimen:resetTimes:sampleTimes:endTime:options:)`;
///   `withdrawalThreshold` as for `RunSummary.withdrawalDays`.
/// - Throws: `ODEError` if the solver fails.
public func simulateWithSummary(_ model: DiazepamModel, regimen: Regimen, resetTimes: [Double] = [],
                                sampleTimes: [Double], endTime: Double,
                                options: SimulationOptions = SimulationOptions(),
                                withdrawalThreshold: Double = 0.01) throws(ODEError) -> (trajectory: Trajectory, summary: RunSummary) {
    let plan = try SummaryPlan(model: model, regimen: regimen, resetTimes: resetTimes, endTime: endTime, options: options)
    let grid = plan.grid

    // Merge the two sorted grids; each user sample keeps its own row (duplicates included).
    let user = sampleTimes
    var union: [Double] = []
    union.reserveCapacity(user.count + grid.times.count)
    var userRow = [Int](repeating: 0, count: user.count), gridRow = [Int](repeating: 0, count: grid.times.count)
    var i = 0, j = 0
    while i < user.count || j < grid.times.count {
        let next = j == grid.times.count ? user[i] : i == user.count ? grid.times[j] : min(user[i], grid.times[j])
        if union.last != next { union.append(next) }
        while i < user.count && user[i] == next { userRow[i] = union.count - 1; i += 1 }
        while j < grid.times.count && grid.times[j] == next { gridRow[j] = union.count - 1; j += 1 }
    }
    let all = try plan.simulate(model, sampleTimes: union, endTime: endTime, options: options)
    let n = StateVariable.count
    func rows(_ indices: [Int]) -> [Double] {
        var states = [Double](repeating: 0, count: indices.count * n)
        for (k, r) in indices.enumerated() where r < all.times.count {
            for c in 0..<n { states[k * n + c] = all.states[r * n + c] }
        }
        return states
    }
    let trajectory = plan.dosing.enteringSteadyStates(Trajectory(times: userRow.map { all.times[$0] }, states: rows(userRow),
                                                                 statistics: all.statistics))
    let summary = plan.summary(states: rows(gridRow), model: model, regimen: regimen, withdrawalThreshold: withdrawalThreshold)
    return (trajectory, summary)
}

/// Simulates `regimen` for one subject on the internal `SummaryGrid` alone and summarises it: the
/// same summary as `simulateWithSummary` (bit for bit: saving never changes the solver's steps),
/// without sampling or storing a trajectory, for runs whose trajectory nobody reads (a population
/// or sweep writing summaries only, a sensitivity analysis).
/// - Parameters as for `simulateWithSummary`.
/// - Returns: the summary, the solver's work, and the first grid sample whose state or derived
///   output is NaN or infinite (`nil` when every value is finite; e.g. a dose of 1e308 mg
///   overflows the concentrations), in `OutputVariable.allCases` order at the sample's reported
///   time, so that the caller can refuse the run instead of writing `inf` into the summary.
/// - Throws: `ODEError` if the solver fails.
public func simulateSummary(_ model: DiazepamModel, regimen: Regimen, resetTimes: [Double] = [], endTime: Double,
                            options: SimulationOptions = SimulationOptions(), withdrawalThreshold: Double = 0.01) throws(ODEError)
    -> (summary: RunSummary, statistics: SolverStatistics, firstNonFinite: (time: Double, variable: OutputVariable, value: Double)?) {
    let plan = try SummaryPlan(model: model, regimen: regimen, resetTimes: resetTimes, endTime: endTime, options: options)
    let grid = plan.grid
    let n = StateVariable.count
    if options.pharmacokinetics == .exact,
       let propagator = try? LinearPropagator(matrix: model.pkMatrix, dimension: DiazepamModel.pkDimension) {
        // The PK is read from its closed form sample by sample, never stored: only the six PD states are.
        let (pd, schedule) = try solveExactPK(model, propagator: propagator, actions: plan.dosing.actions, sampleTimes: grid.times,
                                              endTime: endTime, options: options,
                                              start: (0, plan.dosing.initialState ?? StateVariable.initialState))
        let series = pd.times.withUnsafeBufferPointer { times in
            pd.values.withUnsafeBufferPointer { values in
                SummarySeries(count: grid.times.count, rows: ExactPKStateRows(schedule: schedule, times: times, pd: values),
                              model: model, outputModel: nil)
            }
        }
        let summary = plan.summary(series: series, pk: schedule, model: model, regimen: regimen, withdrawalThreshold: withdrawalThreshold)
        guard !series.everyValueFinite else { return (summary, pd.statistics, nil) }
        // Rare (an overflow): the states written out, as `simulateExactPK` stores them, to say which value is not finite.
        let states = storedStates(pd: pd, schedule: schedule, samples: grid.times.count)
        return (summary, pd.statistics, model.firstNonFiniteOutput(times: grid.reportTimes, states: states))
    }
    let onGrid = try plan.simulate(model, sampleTimes: grid.times, endTime: endTime, options: options)
    var states = onGrid.states
    // The solver saves every time up to the end; rows it did not reach would read as zeros.
    if states.count < grid.times.count * n {
        states += [Double](repeating: 0, count: grid.times.count * n - states.count)
    }
    let series = SummarySeries(states: states, count: grid.times.count, model: model, outputModel: nil)
    let summary = plan.summary(series: series, pk: plan.exactPK(model), model: model, regimen: regimen,
                               withdrawalThreshold: withdrawalThreshold)
    return (summary, onGrid.statistics,
            series.everyValueFinite ? nil : model.firstNonFiniteOutput(times: grid.reportTimes, states: states))
}

extension RunSummary {
    /// Simulates `regimen` on the internal summary grid alone and summarises it (see
    /// `simulateWithSummary` to get a trajectory from the same integration).
    /// - Throws: `ODEError` if the solver fails.
    public init(model: DiazepamModel, regimen: Regimen, resetTimes: [Double] = [], endTime: Double,
                options: SimulationOptions = SimulationOptions(), withdrawalThreshold: Double = 0.01) throws(ODEError) {
        self = try simulateSummary(model, regimen: regimen, resetTimes: resetTimes, endTime: endTime,
                                   options: options, withdrawalThreshold: withdrawalThreshold).summary
    }
}
