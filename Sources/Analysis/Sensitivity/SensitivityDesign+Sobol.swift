import Sweep

extension SensitivityDesign {
    /// Saltelli's sampling scheme for first-order and total Sobol' indices (Saltelli, Comput. Phys.
    /// Commun. 145 (2002) 280; Saltelli et al., Comput. Phys. Commun. 181 (2010) 259, § 3): the
    /// first `baseSamples` points of a 2d-dimensional Sobol' sequence give the rows of A (its
    /// first d coordinates) and B (its last d), mapped onto the ranges; A_B^(i) is A with column i
    /// taken from B. Runs are grouped by base row j: A_j, A_B^(1)_j, …, A_B^(d)_j, B_j, so there
    /// are `baseSamples · (d + 2)` runs, in the order SALib's `sobol.analyze` expects with
    /// `calc_second_order=False`.
    /// - Throws: a usage `InputError` for no parameters, a repeated name, a bad range, more than
    ///   `SobolSequence.maximumDimensions / 2` parameters, or fewer than 2 base samples.
    public static func sobol(_ parameters: [ParameterRange], baseSamples n: Int) throws(InputError) -> SensitivityDesign {
        try check(parameters)
        let d = parameters.count
        guard 2 * d <= SobolSequence.maximumDimensions else {
            throw InputError(.usage, field: "--params", "\(d) parameters: Sobol' analysis supports at most \(SobolSequence.maximumDimensions / 2) (the embedded Joe–Kuo table has \(SobolSequence.maximumDimensions) dimensions)")
        }
        guard n >= 2 else { throw InputError(.usage, field: "--count", "--count \(n): Sobol' analysis needs at least 2 base samples (1024 or more for stable indices)") }
        let sobol = SobolSequence(dimensions: 2 * d).points(n)
        var points: [Point] = []
        var values: [Double] = []
        points.reserveCapacity(n * (d + 2))
        values.reserveCapacity(n * (d + 2) * d)
        for j in 0..<n {
            let a = (0..<d).map { parameters[$0].value(atUnit: sobol[j * 2 * d + $0]) }
            let b = (0..<d).map { parameters[$0].value(atUnit: sobol[j * 2 * d + d + $0]) }
            points.append(Point(group: j + 1, role: "A", varied: nil, step: 0))
            values += a
            for i in 0..<d {
                points.append(Point(group: j + 1, role: "AB", varied: i, step: 0))
                var row = a
                row[i] = b[i]
                values += row
            }
            points.append(Point(group: j + 1, role: "B", varied: nil, step: 0))
            values += b
        }
        return SensitivityDesign(method: .sobol(baseSamples: n), parameters: parameters, points: points, values: values)
    }
}

/// First-order and total Sobol' indices from the outputs of a Saltelli design.
///
/// With f centred by the mean of all its N(d + 2) values (as SALib does; the indices are ratios,
/// the centring only lessens round-off and the estimators' variance) and V the variance of the 2N
/// values f(A), f(B) (divisor 2N):
/// - first order, Saltelli et al. 2010, Table 2 (b): S_i = (1/N) Σ_j f(B)_j (f(A_B^(i))_j − f(A)_j) / V;
/// - total, Jansen 1999 (Saltelli et al. 2010, Table 2 (f)): S_Ti = (1/2N) Σ_j (f(A)_j − f(A_B^(i))_j)² / V.
enum SobolEstimator {
    /// The indices of every parameter from `f` (one output, in design order) over base rows `rows`
    /// (each row may appear several times: bootstrap resamples).
    /// - Returns: `(first, total)`, d values each.
    static func indices(_ f: [Double], dimensions d: Int, rows: [Int]) -> (first: [Double], total: [Double]) {
        let stride = d + 2
        let n = Double(rows.count)
        var sum = 0.0
        for j in rows { sum += f[j * stride] + f[j * stride + d + 1] }
        let mean = sum / (2 * n)
        var squares = 0.0   // two passes, like numpy's var
        for j in rows {
            let a = f[j * stride] - mean, b = f[j * stride + d + 1] - mean
            squares += a * a + b * b
        }
        let variance = squares / (2 * n)
        var first = [Double](repeating: 0, count: d), total = [Double](repeating: 0, count: d)
        for i in 0..<d {
            var s1 = 0.0, st = 0.0
            for j in rows {
                let a = f[j * stride], ab = f[j * stride + 1 + i], b = f[j * stride + d + 1]
                s1 += b * (ab - a)
                st += (a - ab) * (a - ab)
            }
            first[i] = s1 / n / variance
            total[i] = st / (2 * n) / variance
        }
        return (first, total)
    }

    /// `f` minus the mean of all its values.
    static func centred(_ f: [Double]) -> [Double] {
        let mean = f.reduce(0, +) / Double(f.count)
        return f.map { $0 - mean }
    }
}
