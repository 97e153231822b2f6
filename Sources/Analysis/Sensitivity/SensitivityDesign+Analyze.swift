import Sweep

extension SensitivityDesign {
    /// The indices of every output with respect to every parameter.
    /// - Parameters:
    ///   - outputs: row-major, run r's value of output k at `outputs[r * names.count + k]`, runs in
    ///     design order (NaN for a failed run).
    ///   - names: the output names.
    ///   - bootstrap: confidence intervals of Sobol' S1/ST and Morris μ* (local has none).
    /// - Returns: rows output by output, then parameter by parameter, in `parameters` order, with
    ///   the indices in a fixed order (S1, ST; mu_star, mu, sigma; normalized, derivative). An
    ///   output that is not finite in every run gets NaN indices (the estimators need every run).
    public func analyze(outputs: [Double], names: [String], bootstrap: Bootstrap = Bootstrap()) -> [SensitivityIndex] {
        precondition(outputs.count == count * names.count, "one value per run and output")
        let d = parameters.count
        var rows: [SensitivityIndex] = []
        for (k, output) in names.enumerated() {
            let f = (0..<count).map { outputs[$0 * names.count + k] }
            let finite = f.allSatisfy(\.isFinite)
            func row(_ i: Int, _ index: String, _ value: Double, _ ci: (low: Double, high: Double) = (.nan, .nan)) {
                rows.append(SensitivityIndex(parameter: parameters[i].name, output: output, index: index,
                                             value: finite ? value : .nan, ciLow: finite ? ci.low : .nan, ciHigh: finite ? ci.high : .nan))
            }
            switch method {
            case .sobol(let n):
                let centred = finite ? SobolEstimator.centred(f) : f
                let estimate = SobolEstimator.indices(centred, dimensions: d, rows: Array(0..<n))
                var first = [[Double]](repeating: [], count: d), total = first
                if finite {
                    bootstrap.forEachDraw(count: n) { draw in
                        let resampled = SobolEstimator.indices(centred, dimensions: d, rows: draw)
                        for i in 0..<d { first[i].append(resampled.first[i]); total[i].append(resampled.total[i]) }
                    }
                }
                for i in 0..<d {
                    row(i, "S1", estimate.first[i], bootstrap.interval(first[i]))
                    row(i, "ST", estimate.total[i], bootstrap.interval(total[i]))
                }
            case .morris(let r, _):
                let effects = MorrisEstimator.effects(f, design: self)
                var resampled = [[Double]](repeating: [], count: d)
                if finite {
                    bootstrap.forEachDraw(count: r) { draw in
                        for i in 0..<d { resampled[i].append(MorrisEstimator.statistics(effects, parameter: i, dimensions: d, trajectories: draw).muStar) }
                    }
                }
                for i in 0..<d {
                    let s = MorrisEstimator.statistics(effects, parameter: i, dimensions: d, trajectories: Array(0..<r))
                    row(i, "mu_star", s.muStar, bootstrap.interval(resampled[i]))
                    row(i, "mu", s.mu)
                    row(i, "sigma", s.sigma)
                }
            case .local:
                for i in 0..<d {
                    let c = LocalEstimator.coefficients(f, design: self, parameter: i)
                    row(i, "normalized", c.normalized)
                    row(i, "derivative", c.derivative)
                }
            }
        }
        return rows
    }
}
