import ODE

/// Models that change with time (time-varying covariates and parameters of an event table):
/// model `k` drives the system on `(starts[k], starts[k + 1]]` (h), the last one to the end and
/// the first one from 0. Each model has its own PK matrix (its own exact propagator) and PD
/// parameters; at a change time the twelve states carry over unchanged, and infusions running
/// then keep their rates.
public struct ModelSchedule: Sendable {
    /// Start of each model's interval (h), strictly increasing; `starts[0]` is not used (the first
    /// model applies from the start of the run).
    public let starts: [Double]
    /// The model of each interval.
    public let models: [DiazepamModel]

    /// A schedule of `models`, one per start time (`starts` strictly increasing, same count).
    public init(starts: [Double], models: [DiazepamModel]) {
        precondition(starts.count == models.count && !models.isEmpty, "one start time per model, at least one model")
        precondition(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 }, "start times must increase")
        self.starts = starts
        self.models = models
    }

    /// One model for the whole run.
    public init(_ model: DiazepamModel) {
        self.init(starts: [0], models: [model])
    }

    /// The model driving the system at time `t` (h): the interval `(starts[k], starts[k + 1]]` holding it.
    public func index(at t: Double) -> Int {
        var low = 0, high = starts.count - 1              // the last k ≥ 1 with starts[k] < t, else 0
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] < t { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// The dosing events of `regimen` with each dose's F and lag from its own model (`doseModels[d]`
/// for dose `d`; `nil`: every dose with `model`). Same-time events keep `Regimen.events`' order:
/// rate decreases first, then in dose order.
func events(of regimen: Regimen, model: DiazepamModel, doseModels: [DiazepamModel]?) -> [DosingEvent] {
    guard let doseModels, Set(doseModels.map(\.bioavailability)).count > 1 || Set(doseModels.map(\.lagTime)).count > 1 else {
        let first = doseModels?.first ?? model
        return regimen.events(bioavailability: first.bioavailability, lag: first.lagTime)
    }
    var keyed: [(event: DosingEvent, rank: Int, order: Int)] = []
    for (dose, model) in zip(regimen.doses, doseModels) {
        for event in Regimen(doses: [dose]).events(bioavailability: model.bioavailability, lag: model.lagTime) {
            var rank = 1
            if case .rateChange(let delta) = event.kind, delta < 0 { rank = 0 }
            keyed.append((event, rank, keyed.count))
        }
    }
    return keyed.sorted { ($0.event.time, $0.rank, $0.order) < ($1.event.time, $1.rank, $1.order) }.map(\.event)
}

/// Simulates ordered `actions` with the models of `schedule`, from baseline at 0 h (or
/// `initialState`), sampling at `sampleTimes` (sorted, h): one run per model interval, each
/// starting from the state the previous one ended in (PK exact per interval when the model's
/// matrix has an eigenbasis, as `simulate(_:actions:…)`). An action at a change time belongs to
/// the later interval, so a sample there is the state before it, as everywhere.
/// - Throws: `ODEError` if the solver fails.
func simulate(_ schedule: ModelSchedule, actions: [DosingAction], initialState: [Double]?, sampleTimes: [Double],
              endTime: Double, options: SimulationOptions) throws(ODEError) -> Trajectory {
    if schedule.models.count == 1 {
        return try simulate(schedule.models[0], actions: actions, initialState: initialState, sampleTimes: sampleTimes,
                            endTime: endTime, options: options)
    }
    return try simulateIntervals(schedule, actions: actions, initialState: initialState, sampleTimes: sampleTimes,
                                 endTime: endTime, options: options).trajectory
}

/// `simulate(_:actions:initialState:sampleTimes:endTime:options:)` of a schedule, one run per model
/// interval, with the concentrations of the closed-form PK of every interval it reached
/// (`nil` if any interval's PK had to be integrated).
func simulateIntervals(_ schedule: ModelSchedule, actions: [DosingAction], initialState: [Double]?, sampleTimes: [Double],
                       endTime: Double, options: SimulationOptions) throws(ODEError)
    -> (trajectory: Trajectory, concentrations: ExactConcentrations?) {
    var intervals: [PKSchedule]? = []
    let n = StateVariable.count
    var state = initialState ?? StateVariable.initialState
    var times: [Double] = [], states: [Double] = []
    times.reserveCapacity(sampleTimes.count)
    states.reserveCapacity(sampleTimes.count * n)
    var statistics = SolverStatistics()
    var a = 0, s = 0
    var rateChanges: [DosingEvent] = []   // every rate change before the current interval, in order
    for k in schedule.models.indices {
        let from = k == 0 ? 0 : schedule.starts[k]
        guard k == 0 || from < endTime else { break }
        let last = k + 1 == schedule.models.count || schedule.starts[k + 1] >= endTime
        let to = last ? endTime : schedule.starts[k + 1]
        // Infusions running at `from` restart there at their rates: every earlier rate change, in order.
        var segment = rateChanges.map { DosingAction(time: from, kind: .event(DosingEvent(time: from, compartment: $0.compartment, kind: $0.kind))) }
        while a < actions.count && (actions[a].time < to || (last && actions[a].time <= to)) {
            segment.append(actions[a])
            if case .event(let event) = actions[a].kind, case .rateChange = event.kind { rateChanges.append(event) }
            a += 1
        }
        var samples: [Double] = []
        while s < sampleTimes.count && sampleTimes[s] <= to { samples.append(sampleTimes[s]); s += 1 }
        let kept = samples.count
        if !last && samples.last != to { samples.append(to) }   // the state the next interval starts from
        let model = schedule.models[k]
        let start = (time: from, state: state)
        let run: Trajectory
        if options.pharmacokinetics == .exact, let propagator = try? LinearPropagator(matrix: model.pkMatrix, dimension: 6) {
            let exact = try exactPKRun(model, propagator: propagator, actions: segment, sampleTimes: samples,
                                       endTime: to, options: options, start: start)
            run = exact.trajectory
            intervals?.append(exact.schedule)
        } else {
            intervals = nil
            var integrated = options
            integrated.pharmacokinetics = .integrated
            run = try simulateIntegrated(model, actions: segment, sampleTimes: samples, endTime: to, options: integrated, start: start)
        }
        times += run.times.prefix(kept)
        states += run.states.prefix(kept * n)
        let r = run.statistics
        statistics.steps += r.steps; statistics.acceptedSteps += r.acceptedSteps; statistics.rejectedSteps += r.rejectedSteps
        statistics.rhsEvaluations += r.rhsEvaluations; statistics.jacobianEvaluations += r.jacobianEvaluations
        statistics.luFactorizations += r.luFactorizations; statistics.linearSolves += r.linearSolves
        if !last { state = Array(run.state(at: run.times.count - 1)) }
        if last { break }
    }
    return (Trajectory(times: times, states: states, statistics: statistics),
            intervals.map { ExactConcentrations(schedule, intervals: $0) })
}

extension RunSummary {
    /// The run summary (`RunSummary(model:regimen:…)`) of a run whose models change with time:
    /// the states from `schedule` (each dose with its model from `doseModels`, as
    /// `simulate(_:doseModels:subject:…)`), each grid sample's outputs derived with the model in
    /// effect at its time, the change times cutting the grid into smooth pieces, and the
    /// steady-state plateau (`timeTo90PercentSteadyState`) that of the model in effect at the
    /// maintenance phase's last dose. Concentration peaks are located on the closed-form PK of the
    /// interval they fall in (by the parabola through the grid samples if a PK had to be integrated).
    /// - Throws: `ODEError` if the solver fails.
    public init(schedule: ModelSchedule, doseModels: [DiazepamModel]?, regimen: Regimen, resetTimes: [Double] = [],
                endTime: Double, options: SimulationOptions = SimulationOptions(), withdrawalThreshold: Double = 0.01) throws(ODEError) {
        let plan = try DosingPlan(schedule, doseModels: doseModels, regimen: regimen, resetTimes: resetTimes,
                                  endTime: endTime, options: options)
        let phase = MaintenancePhase.longest(in: regimen, resetTimes: resetTimes)
        var extra = regimen.doses.map(\.time)
        if let phase { extra += [phase.lastInterval.lowerBound, phase.lastInterval.upperBound] }
        let grid = SummaryGrid(actionTimes: plan.actions.map(\.time) + schedule.starts.dropFirst(), extraTimes: extra,
                               endTime: endTime)
        let (run, exact) = try simulateIntervals(schedule, actions: plan.actions, initialState: plan.initialState,
                                                 sampleTimes: grid.times, endTime: endTime, options: options)
        let plateau = phase.map { schedule.models[schedule.index(at: $0.lastDoseTime)] } ?? schedule.models[0]
        self.init(grid: grid, states: run.states, model: plateau, regimen: regimen, phase: phase, exact: exact,
                  withdrawalThreshold: withdrawalThreshold, outputModel: { schedule.models[schedule.index(at: grid.times[$0])] })
    }
}

/// Simulates `regimen` sampled at `sampleTimes` (sorted, h) with models that change with time:
/// `schedule` drives the system and each dose takes its F and lag from `doseModels` (as
/// `simulate(_:doseModels:subject:…)`); a sample at a dose time is its trough, at a steady-state
/// dose's time the steady-state trough, and a steady state at 0 h is where the subject starts, as
/// with one model (`DosingPlan`).
/// - Throws: `ODEError` if the solver fails.
public func simulate(_ schedule: ModelSchedule, doseModels: [DiazepamModel]?, regimen: Regimen, resetTimes: [Double] = [],
                     sampleTimes: [Double], endTime: Double,
                     options: SimulationOptions = SimulationOptions()) throws(ODEError) -> Trajectory {
    let plan = try DosingPlan(schedule, doseModels: doseModels, regimen: regimen, resetTimes: resetTimes,
                              endTime: endTime, options: options)
    return plan.enteringSteadyStates(try simulate(schedule, actions: plan.actions, initialState: plan.initialState,
                                                  sampleTimes: sampleTimes, endTime: endTime, options: options))
}
