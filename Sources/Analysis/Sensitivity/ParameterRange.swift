import Foundation
import Sweep

/// The range a sensitivity analysis explores for one input: uniform in the value (`.linear`) or in
/// its logarithm (`.log`, log-uniform: for rate constants and affinities that are uncertain by
/// orders of magnitude).
public struct ParameterRange: Sendable, Equatable {
    /// The input's name (a parameter, covariate or regimen placeholder, as in `--set NAME=VALUE`).
    public var name: String
    /// Lower bound, in the input's unit.
    public var lower: Double
    /// Upper bound, in the input's unit.
    public var upper: Double
    /// Uniform in the value or in its logarithm.
    public var scale: SweepPlan.Scale

    /// A range of `name`.
    public init(_ name: String, lower: Double, upper: Double, scale: SweepPlan.Scale = .linear) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.scale = scale
    }

    /// The value at unit coordinate `u` ∈ [0, 1]: `lower + u·(upper − lower)`, or
    /// `exp(ln lower + u·(ln upper − ln lower))` on a log scale; exactly `lower` at 0 and `upper` at 1.
    public func value(atUnit u: Double) -> Double {
        if u <= 0 { return lower }
        if u >= 1 { return upper }
        switch scale {
        case .linear: return min(upper, max(lower, lower + u * (upper - lower)))
        case .log: return min(upper, max(lower, exp(log(lower) + u * (log(upper) - log(lower)))))
        }
    }

    /// Checks that the bounds are finite with `lower < upper` (and `lower > 0` on a log scale).
    /// - Throws: a data `InputError` whose field is the name.
    public func validate() throws(InputError) {
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw InputError(.data, field: name, "range \(lower):\(upper): expected finite bounds with LOW < HIGH")
        }
        if scale == .log && lower <= 0 {
            throw InputError(.data, field: name, "range \(lower):\(upper):log: a log-uniform range needs LOW > 0")
        }
    }

    /// Parses `NAME=LOW:HIGH` or `NAME=LOW:HIGH:log` (or `:linear`), e.g. `Ki_tspo_dz=1:1000:log`.
    /// - Throws: a usage `InputError` (field `--range`) saying what was expected.
    public init(parse text: String) throws(InputError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let bounds = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : []
        guard parts.count == 2, !parts[0].isEmpty, bounds.count == 2 || bounds.count == 3,
              let low = Double(bounds[0]), let high = Double(bounds[1]),
              bounds.count == 2 || SweepPlan.Scale(rawValue: bounds[2]) != nil else {
            throw InputError(.usage, field: "--range", "'\(text)' must be NAME=LOW:HIGH or NAME=LOW:HIGH:log, e.g. Ki_tspo_dz=1:1000:log")
        }
        self.init(parts[0], lower: low, upper: high, scale: bounds.count == 3 ? SweepPlan.Scale(rawValue: bounds[2])! : .linear)
        do throws(InputError) { try validate() } catch {
            throw InputError(.usage, field: "--range", "'\(text)': " + error.problems[0].message)
        }
    }
}
