/// The regimen mini-language: a dosing schedule in one line of text, for scenario files and the
/// command line (Docs/REGIMEN_LANGUAGE.md has the same grammar with more examples).
///
/// ```
/// 10mg po q24h for 180d; then taper 10% q14d min 0.5mg; then stop
/// 5mg po at 8h,20h daily for 4w
/// 125ug ip daily for 7d; pause 14d; 25ug ip daily for 8w
/// 5mg/kg ip q24h for 7d
/// ```
///
/// ## Grammar (EBNF, ISO 14977)
///
/// Keywords and units are case-insensitive; whitespace (line breaks included) may appear between
/// any two tokens and is needed only between two words or two numbers (`10mg` = `10 mg`,
/// `q24h` = `q 24 h`, but `po q24h` needs its space).
///
/// ```
/// regimen      = phase , { separator , phase } ;          (* "stop" only as the last phase *)
/// separator    = ";" , [ "then" ] | "then" ;
/// phase        = dosing | taper | gap | "stop" ;
///
/// dosing       = amount , route , schedule ;
/// route        = "po" | "oral" | "ip" | "iv" , [ "over" , duration ]
///              | "infusion" , "over" , duration ;
/// schedule     = interval , length                        (* repeated doses *)
///              | interval , "ss" , [ length ]             (* at steady state from the start; default x1 *)
///              | "at" , times , "daily" , "for" , duration (* at times of day, whole days *)
///              | "at" , times                             (* single doses *)
///              | "once" ;                                 (* = "at 0h" *)
/// interval     = ( "q" | "every" ) , duration | "daily" | "bid" | "tid" | "qid" ;
/// length       = "for" , duration | ( "x" | "×" ) , integer ;
/// times        = duration , { "," , duration } ;
///
/// taper        = "taper" , cut , ( "q" | "every" ) , step , { taper-option } ;
/// cut          = number , "%" | amount ;
/// step         = number , ( "h" | "d" | "w" ) ;           (* and their long forms *)
/// taper-option = "min" , amount | "tablet" , amount ;     (* each at most once *)
///
/// gap          = ( "wait" | "pause" ) , duration ;
///
/// amount       = number , mass , [ "/kg" ] ;               (* "/kg": per kg of body weight, no spaces *)
/// mass         = "mg" | "ug" | "µg" | "mcg" | "g" ;
/// duration     = number , ( "h" | "d" | "w" | "min" ) ;
///                (* also hr, hrs, hour, hours, day, days, wk, wks, week, weeks, mins, minute, minutes *)
/// number       = [ "+" | "-" ] , ( digits , [ "." , digits ] | "." , digits ) ,
///                [ ( "e" | "E" ) , [ "+" | "-" ] , digits ] ;
/// integer      = digits ;
/// digits       = digit , { digit } ;
/// ```
///
/// A sign is part of the grammar only so that `-5mg` is reported as a negative amount; every
/// amount, interval, length and duration must be `> 0` (a time in `at` may be `0h`). Exponents let
/// a value substituted into a `{placeholder}` as `1e-05` be read.
///
/// ## Meaning
///
/// Phases run one after another: each starts when the previous one ends, the first at 0 h.
///
/// - Amounts are in mg (`500ug` = 0.5 mg, `1g` = 1000 mg), or all of them per kg of body weight
///   (`5mg/kg`, `500ug/kg`): the regimen is then `Regimen.amountsPerKilogram`, and a subject's mg
///   doses are `Regimen.inMilligrams(weight:)` with its weight (a scenario does this per subject,
///   after its weight is known). mg and mg/kg are not mixed in one regimen; a taper per kg needs
///   `min` or `tablet` per kg.
/// - Routes: `po` (oral) and `ip` (intraperitoneal) enter the depot, with F and the lag; `iv` is a
///   bolus into the central compartment; `iv over 2h` and `infusion over 2h` are zero-order
///   infusions into the central compartment (`Dose.Route.infusion(duration:)`).
/// - `ss` (`10mg po q24h ss for 28d`): just before the phase's first dose the subject is at the
///   periodic steady state of this dosing (`steadyState(_:dose:interval:options:)`, NONMEM SS 1),
///   recorded in `Regimen.steadyStates`; without a length the phase is that one dose, so
///   `10mg po q24h ss; then taper 10% q14d` tapers from steady state.
/// - Repeated doses: `daily` = `q24h`, `bid` = `q12h`, `tid` = `q8h`, `qid` = `q6h`, counted from
///   the phase start (not at clock times; use `at … daily` for those). `for D`: a dose at the phase
///   start and every interval while the time since the start is `< D`; the phase lasts D
///   (`Regimen.phases`), so `q24h for 180d` is 180 doses and the next phase starts at 4320 h. The
///   interval may not be longer than D. `xN`: N doses; the phase lasts N intervals
///   (`Regimen.repeated`).
/// - `at T1,T2,… daily for D`: a dose at each time of day (h after the start of each day of the
///   phase, each in `[0, 24)` h, given once) on each of D/24 days; D must be a whole number of
///   days (`Regimen.daily`). The phase lasts D.
/// - Single doses, `once` or `at T1,T2,…` (times after the phase start, each `< 24h`, given once):
///   the phase lasts 24 h, except that when a `wait`/`pause` follows, the phase ends at its last
///   dose, so that `10mg po once; wait 14d; 10mg po once` gives doses at 0 and 14 days. A single
///   dose takes no `for` or `x`.
/// - `taper C qS [min M] [tablet T]` continues the phase right before it, which must be a phase of
///   repeated doses (an interval, or evenly spaced times of day such as `at 8h,20h daily` or
///   `at 22h daily`): the same dose, route and dose interval, the first cut made at the time of
///   the next dose the phase would have given, then every S (`q14d`, `q2w`; in h, d or w). `C`
///   is `10%` (a fraction of the current dose, more than 0% and less than 100%) or `2.5mg`.
///   `min` is the smallest step and `tablet` the tablet size: when only one is given the other
///   equals it; when neither is, both are 0.5 mg. The dose goes down to zero (see `Taper`; built
///   with `Regimen.taper(… cutsAtStart: true)`); the phase ends when the last step ends.
/// - `wait D` and `pause D`: D without doses.
/// - `stop`: the end of dosing, at the end of the previous phase. It must be the last phase. An
///   infusion still running then stops (`Regimen.stopped(at:)`); other doses are all over already,
///   so a final `stop` mostly documents the intent (an abrupt stop).
///
/// `{name}` placeholders are substituted by the caller before parsing (e.g. from `--set dose=10`);
/// one left in the text is an error that names it.
///
/// ## Errors
///
/// `RegimenSyntaxError` gives the 1-based character column, the text found and a message with
/// what is wrong and what is expected. Errors that the builders find (`RegimenError`, e.g. a taper
/// from a dose that is not a whole number of tablets) are reported at the phase's column with the
/// phase's text.
public enum RegimenLanguage {
    /// The doses that `text` describes.
    ///
    /// ```swift
    /// let regimen = try RegimenLanguage.parse("10mg po q24h for 180d; then taper 10% q14d min 0.5mg; then stop")
    /// // == Regimen.repeated(10, every: 24, count: 180)
    /// //  + Regimen.taper(from: 10, every: 24, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5,
    /// //                  tabletSize: 0.5, startingAt: 180 * 24, cutsAtStart: true)
    /// ```
    ///
    /// - Throws: `RegimenSyntaxError` at the first problem, with its column.
    public static func parse(_ text: String) throws(RegimenSyntaxError) -> Regimen {
        try schedule(text).regimen
    }

    /// The doses that `text` describes, with when each phase starts and ends (for instance, to
    /// simulate until the end of the last phase, or to report a phase in a message).
    ///
    /// - Throws: `RegimenSyntaxError` at the first problem, with its column.
    public static func schedule(_ text: String) throws(RegimenSyntaxError) -> Schedule {
        var parser = try Parser(text)
        var schedule = try layOut(try parser.parsePhases())
        schedule.regimen.amountsPerKilogram = parser.unit?.perKilogram ?? false
        return schedule
    }

    /// A regimen text laid out in time: its doses and its phases.
    public struct Schedule: Hashable, Sendable {
        /// All the doses, phase by phase.
        public var regimen: Regimen
        /// The phases, in the order written.
        public var phases: [PhaseSpan]

        /// Creates a schedule.
        public init(regimen: Regimen, phases: [PhaseSpan]) {
            self.regimen = regimen
            self.phases = phases
        }

        /// When the last phase ends (h): after a trailing `wait 14d` this is 14 days after the last
        /// dosing phase. 0 for no phases.
        public var endTime: Double { phases.last?.end ?? 0 }
    }

    /// One phase of a `Schedule`.
    public struct PhaseSpan: Hashable, Sendable {
        /// The phase as written, e.g. `"taper 10% q14d min 0.5mg"`.
        public var text: String
        /// 1-based character column of its first character in the regimen text.
        public var column: Int
        /// When the phase starts (h).
        public var start: Double
        /// When it ends and the next phase starts (h); equal to `start` for `stop`.
        public var end: Double
        /// How many doses it gives.
        public var doseCount: Int

        /// Creates a phase span.
        public init(text: String, column: Int, start: Double, end: Double, doseCount: Int) {
            self.text = text
            self.column = column
            self.start = start
            self.end = end
            self.doseCount = doseCount
        }
    }
}

extension RegimenLanguage {
    /// What the phase before a taper was, which decides whether (and from what) it can taper.
    private enum Before {
        /// No phase: the taper is the first.
        case nothing
        /// Doses of `amount` by `route` every `interval` h, the next one (had the phase gone on) at `nextDose` h.
        case regular(amount: Double, route: Dose.Route, interval: Double, nextDose: Double)
        /// Single doses.
        case single
        /// Times of day that are not evenly spaced.
        case unevenTimes
        /// A wait or pause.
        case gap
        /// Another taper.
        case taper
    }

    /// The phases end to end from 0 h, built with the validated builders.
    ///
    /// - Throws: `RegimenSyntaxError` at a phase that cannot follow the one before (a taper) or
    ///   that a builder rejects.
    static func layOut(_ nodes: [PhaseNode]) throws(RegimenSyntaxError) -> Schedule {
        var time = 0.0
        var regimen = Regimen()
        var spans: [PhaseSpan] = []
        var before = Before.nothing
        for (i, node) in nodes.enumerated() {
            /// Runs a builder, reporting its error at this phase.
            func build<T>(_ body: () throws(RegimenError) -> T) throws(RegimenSyntaxError) -> T {
                do {
                    return try body()
                } catch {
                    throw RegimenSyntaxError(column: node.column, found: node.text,
                                             message: "this phase cannot be built: \(error), found '\(node.text)'")
                }
            }
            let start = time
            var part = Regimen()
            switch node.kind {
            case let .repeated(amount, route, interval, length, steadyState):
                switch length {
                case .hours(let hours):
                    part = try build { () throws(RegimenError) in
                        try Regimen.phases([Phase(amount: amount, every: interval, for: hours, route: route)], startingAt: start)
                    }
                    time = start + hours
                case .count(let count):
                    part = try build { () throws(RegimenError) in
                        try Regimen.repeated(amount, every: interval, count: count, startingAt: start, route: route)
                    }
                    time = start + Double(count) * interval
                }
                if steadyState, let dose = part.doses.first {
                    part.steadyStates = [SteadyStateDose(dose: dose, interval: interval)]
                }
                before = .regular(amount: amount, route: route, interval: interval,
                                  nextDose: start + Double(part.doses.count) * interval)
            case let .hoursOfDay(amount, route, hours, days):
                part = try build { () throws(RegimenError) in
                    try Regimen.daily(amount, atHours: hours, days: days, startingAt: start, route: route)
                }
                time = start + Double(days) * 24
                // Evenly spaced around the clock (8h,20h; 22h; 0h,8h,16h): a taper can keep the rhythm.
                let spacing = 24 / Double(hours.count)
                let even = hours[0] < spacing
                    && hours.indices.allSatisfy { abs(hours[$0] - (hours[0] + Double($0) * spacing)) <= 1e-9 }
                before = even ? .regular(amount: amount, route: route, interval: spacing, nextDose: time + hours[0]) : .unevenTimes
            case let .single(amount, route, offsets):
                for offset in offsets {
                    part = part + (try build { () throws(RegimenError) in try Regimen.single(amount, at: start + offset, route: route) })
                }
                let waitFollows = i + 1 < nodes.count && nodes[i + 1].isGap
                time = start + (waitFollows ? offsets[offsets.count - 1] : 24)
                before = .single
            case let .taper(cut, stepDays, smallestStep, tabletSize):
                guard case let .regular(amount, route, interval, nextDose) = before else {
                    throw taperError(after: before, node)
                }
                let taper = try build { () throws(RegimenError) in
                    try Taper(from: amount, every: interval, cut: cut, everyDays: stepDays,
                              smallestStep: smallestStep ?? tabletSize ?? 0.5, tabletSize: tabletSize ?? smallestStep ?? 0.5,
                              startingAt: nextDose, cutsAtStart: true, route: route)
                }
                part = taper.regimen
                time = taper.endTime
                before = .taper
            case .gap(let hours):
                time = start + hours
                before = .gap
            case .stop:
                let stopped = regimen
                regimen = try build { () throws(RegimenError) in try stopped.stopped(at: start) }
            }
            guard time.isFinite else {
                throw RegimenSyntaxError(column: node.column, found: node.text,
                                         message: "the regimen is too long: expected phases that end at a finite time in h, "
                                             + "found '\(node.text)' ending after \(formatQuantity(start, "h"))")
            }
            regimen = regimen + part
            spans.append(PhaseSpan(text: node.text, column: node.column, start: start, end: time, doseCount: part.doses.count))
        }
        return Schedule(regimen: regimen, phases: spans)
    }

    /// The error for a taper that does not follow a phase of regular repeated doses.
    private static func taperError(after before: Before, _ node: PhaseNode) -> RegimenSyntaxError {
        let message: String
        switch before {
        case .nothing, .regular:
            message = "there is no dose to taper from: expected a phase of repeated doses before the taper, "
                + "as in '10mg po q24h for 180d; taper 10% q14d'"
        case .single:
            message = "a taper keeps the dose interval of the phase before it, and single doses have none: expected "
                + "a phase of repeated doses (q24h, bid, at 8h daily, …) before the taper"
        case .unevenTimes:
            message = "a taper gives its doses at a regular interval, and the times of day before it are unevenly "
                + "spaced: expected an interval (q12h, bid, …) or evenly spaced times (at 8h,20h daily) before the taper"
        case .gap:
            message = "a taper must directly follow the doses it tapers: expected a phase of repeated doses right "
                + "before the taper, not a wait or pause"
        case .taper:
            message = "the phase before is a taper, which already goes down to zero: expected a phase of repeated "
                + "doses before the taper"
        }
        return RegimenSyntaxError(column: node.column, found: node.text, message: "\(message), found '\(node.text)'")
    }
}
