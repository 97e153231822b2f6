import Foundation
import Sweep

/// The points at which a sensitivity analysis evaluates the model, in run order, and how each was
/// made, so that outputs given back in the same order (`analyze(outputs:names:bootstrap:)`) yield
/// the indices. Build one with `sobol(_:baseSamples:)`, `morris(_:trajectories:levels:seed:)` or
/// `local(_:at:relativeStep:)`; evaluate `values(ofRun:)` with any model (`SensitivityRun`
/// evaluates them with the diazepam model on the sweep engine).
public struct SensitivityDesign: Sendable {
    /// Which analysis, with its settings.
    public enum Method: Sendable, Equatable {
        /// Normalised local coefficients by central differences with this step (relative, or in
        /// ln p for log-scale parameters).
        case local(step: Double)
        /// Morris elementary effects over `trajectories` one-at-a-time trajectories on a grid of
        /// `levels` levels.
        case morris(trajectories: Int, levels: Int)
        /// Sobol' first-order and total indices from `baseSamples` rows of Saltelli's A and B.
        case sobol(baseSamples: Int)

        /// `local`, `morris` or `sobol`.
        public var name: String {
            switch self {
            case .local: return "local"
            case .morris: return "morris"
            case .sobol: return "sobol"
            }
        }
    }

    /// What a run is in its design (the `group`, `role` and `varied` columns of the samples CSV).
    public struct Point: Sendable, Equatable {
        /// Base sample (Sobol', 1-based), trajectory (Morris, 1-based) or 1 (local).
        public var group: Int
        /// Sobol' `A`, `AB` (A with column `varied` from B) or `B`; Morris `start` or `step`;
        /// local `base`, `minus` or `plus`.
        public var role: String
        /// Index into `parameters` of the parameter this run changes (nil for A, B, start, base).
        public var varied: Int?
        /// Morris: the signed step of `varied` in unit coordinates (±Δ); local: the signed offset
        /// of `varied` from the base in the differentiation variable (p, or ln p on a log scale;
        /// 0 when the step would leave the range); Sobol': 0.
        public var step: Double
    }

    /// The method and its settings.
    public let method: Method
    /// The inputs varied, in column order.
    public let parameters: [ParameterRange]
    /// One entry per run, in run order.
    public let points: [Point]
    /// Input values, row-major: run r's value of parameter i is `values[r * parameters.count + i]`.
    public let values: [Double]
    /// For `local`: the base values of the parameters (empty otherwise).
    public let base: [Double]

    /// Runs in the design.
    public var count: Int { points.count }

    /// Run r's input values, in `parameters` order.
    public func values(ofRun r: Int) -> ArraySlice<Double> {
        let d = parameters.count
        return values[(r * d)..<((r + 1) * d)]
    }

    init(method: Method, parameters: [ParameterRange], points: [Point], values: [Double], base: [Double] = []) {
        self.method = method
        self.parameters = parameters
        self.points = points
        self.values = values
        self.base = base
    }

    static func check(_ parameters: [ParameterRange]) throws(InputError) {
        guard !parameters.isEmpty else { throw InputError(.usage, field: "--params", "no parameters to analyse: give at least one") }
        var seen = Set<String>()
        for p in parameters {
            guard seen.insert(p.name).inserted else {
                throw InputError(.usage, field: p.name, "\(p.name) is given more than once: expected each name once")
            }
            try p.validate()
        }
    }
}
