import Foundation
import Pharmacology

/// Limits on the size of a run, checked before any work so that a typo (`--every 1e-9h`,
/// `--until 1e12h`, an event-table TIME of 1e9) is a one-line error instead of an allocation
/// that exhausts the machine or a trapping `Double → Int` conversion. Every message names the
/// limit and the option that raises it.
public struct RunBudget: Sendable, Equatable {
    /// Most samples written per subject (default 1,000,000: a minute-by-minute trajectory of
    /// almost two years; each sample holds 12 states, ≈ 100 bytes, and its CSV row ≈ 500 bytes).
    /// Raised with `--max-samples`.
    public var samplesPerSubject: Int
    /// Most runs (subjects) in one plan, of any design (default 100,000,000). Raised with
    /// `--max-runs`. Plans are lazy (`RunPlan`), so the limit guards run time, not memory.
    public var runsPerPlan: Int
    /// Longest simulated span, h (default 100 years = 876,600 h). Raised with `--max-span`.
    public var span: Double

    /// Creates a budget (the defaults unless given).
    public init(samplesPerSubject: Int = 1_000_000, runsPerPlan: Int = 100_000_000, span: Double = 100 * 8766) {
        self.samplesPerSubject = samplesPerSubject
        self.runsPerPlan = runsPerPlan
        self.span = span
    }

    /// The default limits.
    public static let standard = RunBudget()

    /// Smallest relative tolerance accepted, 1e-14 (about 45 machine epsilons), the value the ODE
    /// solver advises: below it the error estimate is rounding noise.
    public static let smallestRelativeTolerance = 1e-14

    /// Largest single dose accepted, mg: 1,000,000 mg (1 kg of drug, a typo or a unit error in
    /// any species). Below it no result can overflow double precision, so `validate` (which does
    /// not simulate) refuses exactly the doses `simulate` would fail on.
    public static let largestDose = 1e6

    /// `x` with thousands separators (`1,000,000`), for messages.
    public static func grouped(_ x: Int) -> String {
        let digits = String(x.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (x < 0 ? "-" : "") + out
    }

    /// `x` as a count for messages: grouped when it is a whole number that fits, else `1.1e+13`.
    public static func count(_ x: Double) -> String {
        x.isFinite && x < 1e15 && x == x.rounded() ? grouped(Int(x)) : String(format: "%.3g", x)
    }

    /// Hours as written in messages: `876600 h (100 years)`.
    public static func hours(_ h: Double) -> String {
        let text = h.isFinite && h == h.rounded() && abs(h) < 1e15 ? String(Int(h)) : String(format: "%g", h)
        return h >= 8766 && h.isFinite ? "\(text) h (\(String(format: "%g", h / 8766)) years)" : "\(text) h"
    }

    /// Checks the number of runs of a plan; `what` names where it comes from (`--count 1e10`).
    /// - Throws: a usage `InputError` naming the limit and `--max-runs`.
    public func checkRuns(_ runs: Double, field: String?, _ what: String) throws(InputError) {
        guard runs.isFinite, runs <= Double(runsPerPlan) else {
            throw InputError(.usage, field: field,
                             "\(what) gives \(Self.count(runs)) runs; the limit is \(Self.grouped(runsPerPlan)) runs per plan "
                             + "(raise it with --max-runs N, or split the plan with --shard K/N)")
        }
    }

    /// Checks a simulated span (h); `what` names where it comes from.
    /// - Throws: an `InputError` of `kind` naming the limit and `--max-span`.
    public func checkSpan(_ hours: Double, kind: InputError.Kind, field: String?, _ what: String) throws(InputError) {
        guard hours.isFinite else {
            throw InputError(kind, field: field, "\(what) is \(hours): expected a finite time")
        }
        guard hours <= span else {
            throw InputError(kind, field: field,
                             "\(what) is \(Self.hours(hours)); the limit is \(Self.hours(span)) (raise it with --max-span DURATION, e.g. --max-span 80000d)")
        }
    }

    /// Checks the number of samples per subject; `what` names where it comes from.
    /// - Throws: an `InputError` of `kind` naming the limit and `--max-samples`.
    public func checkSamples(_ samples: Double, kind: InputError.Kind, field: String?, _ what: String) throws(InputError) {
        guard samples.isFinite, samples <= Double(samplesPerSubject) else {
            throw InputError(kind, field: field,
                             "\(what) gives \(Self.count(samples)) samples per subject; the limit is \(Self.grouped(samplesPerSubject)) "
                             + "(sample less often with a larger --every, or raise the limit with --max-samples N)")
        }
    }
}

extension Scenario {
    /// How many samples `sampleTimes()` would return, computed without building them (an upper
    /// bound for `.times` and `.doseRelative`, which drop times outside the span).
    public var sampleCountEstimate: Double {
        switch sampling {
        case .every(let step):
            guard step > 0, step.isFinite, endTime.isFinite, endTime >= 0 else { return 1 }
            return (endTime / step * (1 + 1e-9)).rounded(.down) + 1
        case .times(let given):
            return Double(given.count)
        case .doseRelative(let offsets):
            return Double(regimen.doses.count) * Double(offsets.count)
        }
    }

    /// Checks the scenario against `budget` and the limits of double precision before it is
    /// simulated: a finite end time and dose times within the span, finite dose amounts, no more
    /// samples than the budget allows, a relative tolerance the solver can honour.
    /// - Throws: a data `InputError` (the values come from a file, a regimen or an event table;
    ///   options are checked as usage errors by the command line first).
    public func check(budget: RunBudget) throws(InputError) {
        try budget.checkSpan(endTime, kind: .data, field: "until", "the simulated span (the end time)")
        for time in resetTimes { try budget.checkSpan(time, kind: .data, field: "regimen", "a reset time") }
        for dose in regimen.doses {
            try budget.checkSpan(dose.time, kind: .data, field: "regimen", "a dose time")
            guard dose.amount.isFinite else {
                throw InputError(.data, field: "regimen", "a dose at \(RunBudget.hours(dose.time)) has amount \(dose.amount) mg: expected a finite amount")
            }
            // A dose per kg is checked in mg once the subject's weight has converted it (`run`).
            guard regimen.amountsPerKilogram || dose.amount <= RunBudget.largestDose else {
                throw InputError(.data, field: "regimen", "a dose at \(RunBudget.hours(dose.time)) of \(RunBudget.count(dose.amount)) mg is above \(RunBudget.count(RunBudget.largestDose)) mg (1 kg), the largest dose accepted: check the amount and its unit (mg)")
            }
        }
        try budget.checkSamples(sampleCountEstimate, kind: .data, field: "sampling", "the sampling")
        guard solver.rtol >= RunBudget.smallestRelativeTolerance else {
            throw InputError(.data, field: "solver.rtol",
                             "rtol \(solver.rtol) is below \(RunBudget.smallestRelativeTolerance), the smallest relative tolerance double precision can honour: expected e.g. 1e-10")
        }
    }
}
