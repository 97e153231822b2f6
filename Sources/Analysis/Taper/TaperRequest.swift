import Pharmacology

/// The most withdrawal a taper may cause, in the model's units (withdrawal = X − 1).
public enum WithdrawalCeiling: Sendable, Equatable, CustomStringConvertible {
    /// An absolute ceiling on X − 1, e.g. 0.01.
    case absolute(Double)
    /// A fraction (0.25 = 25%) of the peak withdrawal this subject would have after an abrupt
    /// stop at the start of the taper.
    case fractionOfAbruptStop(Double)

    /// `0.01` or `25% of the abrupt-stop peak`.
    public var description: String {
        switch self {
        case .absolute(let c): return TaperText.number(c)
        case .fractionOfAbruptStop(let f): return "\(TaperText.number(f * 100))% of the abrupt-stop peak"
        }
    }
}

/// When the dose may change.
public enum StepTiming: Sendable, Equatable {
    /// A cut every `hours` h; when no cut is safe yet, the dose is held for another step.
    case every(hours: Double)
    /// Steps of `minimum ... maximum` h, chosen by the designer in increments of `increment` h.
    /// A step is longer than `maximum` only when no cut is safe sooner.
    case range(minimum: Double, maximum: Double, increment: Double)

    /// The shortest step (h).
    var shortest: Double {
        switch self {
        case .every(let h): return h
        case .range(let lo, _, _): return lo
        }
    }
}

/// How the doses of a taper are chosen.
public enum TaperStrategy: Sendable, Equatable {
    /// The shortest schedule that keeps withdrawal under the ceiling, by search (`TaperDesigner`).
    case optimal
    /// Cut a fixed fraction of the current dose each step (0.1 = 10%); `nil`: the largest
    /// fraction that keeps withdrawal under the ceiling.
    case percent(Double?)
    /// Cut a fixed amount (mg) each step; `nil`: the largest amount under the ceiling.
    case linear(Double?)
    /// Equal steps of steady-state GABA-A occupancy (Horowitz & Taylor 2019, Lancet Psychiatry
    /// 6:538), the occupancy computed from this subject's model; `steps`: how many steps from the
    /// start dose to 0, `nil`: the fewest under the ceiling.
    case hyperbolic(steps: Int?)

    /// `optimal`, `percent`, `linear`, `hyperbolic`.
    public var name: String {
        switch self {
        case .optimal: return "optimal"
        case .percent: return "percent"
        case .linear: return "linear"
        case .hyperbolic: return "hyperbolic"
        }
    }
}

/// The maintenance before the taper: the doses so far, the dose to taper from, its interval, its
/// route and when the taper starts (one interval after the last maintenance dose).
public struct Maintenance: Sendable, Equatable {
    /// The regimen text, e.g. `10mg po q24h for 180d` (the schedule's regimen text starts with it).
    public let text: String
    /// Its doses.
    public let regimen: Regimen
    /// The dose given at every interval at the end (mg).
    public let dose: Double
    /// The dose interval (h).
    public let interval: Double
    /// When the taper starts (h): the end of the maintenance text's last phase.
    public let startTime: Double
    /// `po` or `ip`.
    public let routeText: String

    /// Reads `text` (the regimen language), which must end with regular repeated doses by mouth
    /// or i.p. (`10mg po q24h for 180d`, `5mg po bid for 12w`).
    /// - Throws: `TaperError.invalidRequest` saying what is wrong.
    public init(_ text: String) throws(TaperError) {
        let schedule: RegimenLanguage.Schedule
        do { schedule = try RegimenLanguage.schedule(text) } catch {
            throw .invalidRequest("--from: column \(error.column): \(error.message)")
        }
        guard !schedule.regimen.amountsPerKilogram else {
            throw .invalidRequest("--from '\(text)': a taper is designed in tablets of mg; expected the maintenance in mg "
                                  + "(the dose per kg times the body weight, e.g. 5mg/kg for 70 kg is 350mg)")
        }
        let doses = schedule.regimen.doses.sorted { $0.time < $1.time }
        guard let last = doses.last else {
            throw .invalidRequest("--from '\(text)' gives no doses: expected the maintenance, e.g. '10mg po q24h for 180d'")
        }
        switch last.route {
        case .oral: routeText = "po"
        case .intraperitoneal: routeText = "ip"
        default:
            throw .invalidRequest("--from '\(text)': a taper is given by mouth (po) or i.p.; expected the maintenance to end with po or ip doses")
        }
        let interval = doses.count > 1 ? last.time - doses[doses.count - 2].time : schedule.endTime - last.time
        let end = schedule.endTime
        guard interval > 0, abs(end - (last.time + interval)) <= 1e-9 * max(1, end),
              doses.count < 2 || doses[doses.count - 2].amount == last.amount else {
            throw .invalidRequest("--from '\(text)': expected it to end with repeated doses (e.g. '10mg po q24h for 180d'), the taper starting one dose interval after the last dose")
        }
        self.text = text
        regimen = schedule.regimen
        dose = last.amount
        self.interval = interval
        startTime = end
    }
}

/// Everything a taper design needs besides the subjects.
public struct TaperRequest: Sendable {
    /// The history before the taper.
    public var maintenance: Maintenance
    /// The ceiling on withdrawal.
    public var ceiling: WithdrawalCeiling
    /// What can be dispensed.
    public var dispensing: Dispensing
    /// When doses may change.
    public var timing: StepTiming
    /// How doses are chosen.
    public var strategy: TaperStrategy
    /// For a population: the percentile (0–100] of the subjects' peak withdrawal (relative to each
    /// subject's ceiling) that must stay under the ceiling; 100 = every subject.
    public var percentile: Double
    /// Solver settings.
    public var options: SimulationOptions

    /// A request; see the properties.
    public init(maintenance: Maintenance, ceiling: WithdrawalCeiling, dispensing: Dispensing, timing: StepTiming,
                strategy: TaperStrategy = .optimal, percentile: Double = 90, options: SimulationOptions = SimulationOptions()) {
        self.maintenance = maintenance
        self.ceiling = ceiling
        self.dispensing = dispensing
        self.timing = timing
        self.strategy = strategy
        self.percentile = percentile
        self.options = options
    }
}

/// Why a taper cannot be designed.
public enum TaperError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request itself is malformed (a usage or data error); the message says how to fix it.
    case invalidRequest(String)
    /// The request is well formed but no schedule meets it; the message says what would be possible.
    case impossible(String)
    /// A simulation failed.
    case simulation(String)

    /// The message.
    public var description: String {
        switch self {
        case .invalidRequest(let m), .impossible(let m), .simulation(let m): return m
        }
    }
}
