import Sweep

extension SensitivityDesign {
    /// Morris's one-at-a-time design (Morris, Technometrics 33 (1991) 161): `trajectories`
    /// trajectories of d + 1 points on the grid {0, 1/(p−1), …, 1} of p = `levels` levels per unit
    /// coordinate. A trajectory starts at a random grid point, then moves each parameter once, in
    /// a random order, by Δ = p / (2(p − 1)) up or down (random), staying in [0, 1]. Unit
    /// coordinates map onto the ranges (log-uniformly on a log scale). Runs are trajectory by
    /// trajectory: `start`, then d `step`s. Deterministic: trajectory t draws from the stream
    /// `(seed, t, "morris")`, whatever the number of trajectories.
    /// - Throws: a usage `InputError` for no parameters, a repeated name, a bad range, fewer than 2
    ///   trajectories, or an odd number of levels or fewer than 2.
    public static func morris(_ parameters: [ParameterRange], trajectories r: Int, levels p: Int = 4,
                              seed: UInt64) throws(InputError) -> SensitivityDesign {
        try check(parameters)
        guard r >= 2 else { throw InputError(.usage, field: "--count", "--count \(r): Morris needs at least 2 trajectories (10–50 usual)") }
        guard p >= 2 && p % 2 == 0 else {
            throw InputError(.usage, field: "--levels", "--levels \(p): Morris needs an even number of levels ≥ 2 (4 usual), so that every step is Δ = p/(2(p−1))")
        }
        let d = parameters.count
        let delta = Double(p) / Double(2 * (p - 1))
        var points: [Point] = [], values: [Double] = []
        points.reserveCapacity(r * (d + 1))
        values.reserveCapacity(r * (d + 1) * d)
        for t in 0..<r {
            var random = SubjectRandomStream(seed: seed, subject: t, stream: SubjectRandomStream.key("morris"))
            var x = [Double](repeating: 0, count: d), direction = [Double](repeating: 1, count: d)
            for i in 0..<d {
                // Lower end on levels 0 … p/2 − 1, so that the upper end x + Δ is still a level ≤ 1.
                let low = Double(random.nextInt(below: p / 2)) / Double(p - 1)
                direction[i] = random.nextUniform() < 0.5 ? 1 : -1
                x[i] = direction[i] > 0 ? low : low + delta
            }
            let order = random.permutation(d)
            points.append(Point(group: t + 1, role: "start", varied: nil, step: 0))
            values += (0..<d).map { parameters[$0].value(atUnit: x[$0]) }
            for i in order {
                x[i] += direction[i] * delta
                points.append(Point(group: t + 1, role: "step", varied: i, step: direction[i] * delta))
                values += (0..<d).map { parameters[$0].value(atUnit: x[$0]) }
            }
        }
        return SensitivityDesign(method: .morris(trajectories: r, levels: p), parameters: parameters, points: points, values: values)
    }
}

/// Morris's elementary effects EE_i = (f(x′) − f(x)) / (u′_i − u_i), x′ being x with parameter i
/// moved by ±Δ in unit coordinates, one per trajectory and parameter; their mean μ, the mean of
/// their absolute values μ* (Campolongo, Cariboni & Saltelli, Environ. Model. Softw. 22 (2007)
/// 1509) and their standard deviation σ (divisor r − 1). The unit of EE is the output's unit per
/// whole range of the parameter.
enum MorrisEstimator {
    /// The elementary effects of `f` (one output, in design order): `effects[t * d + i]` for
    /// trajectory t and parameter i.
    static func effects(_ f: [Double], design: SensitivityDesign) -> [Double] {
        let d = design.parameters.count
        var effects = [Double](repeating: .nan, count: design.count / (d + 1) * d)
        for (k, point) in design.points.enumerated() {
            guard let i = point.varied else { continue }
            effects[(point.group - 1) * d + i] = (f[k] - f[k - 1]) / point.step
        }
        return effects
    }

    /// μ*, μ and σ of parameter i over the trajectories `trajectories` (0-based; repeats allowed).
    static func statistics(_ effects: [Double], parameter i: Int, dimensions d: Int, trajectories: [Int]) -> (muStar: Double, mu: Double, sigma: Double) {
        let r = Double(trajectories.count)
        var sum = 0.0, sumAbsolute = 0.0
        for t in trajectories {
            sum += effects[t * d + i]
            sumAbsolute += abs(effects[t * d + i])
        }
        let mu = sum / r
        var squares = 0.0
        for t in trajectories { squares += (effects[t * d + i] - mu) * (effects[t * d + i] - mu) }
        return (sumAbsolute / r, mu, (squares / (r - 1)).squareRoot())
    }
}
