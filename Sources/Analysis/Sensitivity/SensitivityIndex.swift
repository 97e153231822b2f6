import Sweep

/// One row of the tidy result: the value of one index of one output with respect to one
/// parameter, and its bootstrap confidence interval where there is one.
public struct SensitivityIndex: Sendable, Equatable {
    /// The parameter (input) name.
    public var parameter: String
    /// The output (summary column) name.
    public var output: String
    /// `S1`, `ST` (Sobol'); `mu_star`, `mu`, `sigma` (Morris, in the output's unit per whole
    /// range of the parameter); `normalized` (∂y/∂p · p/y, dimensionless) or `derivative`
    /// (∂y/∂p, output unit per parameter unit) (local).
    public var index: String
    /// The estimate (NaN when the output was not finite in every run).
    public var value: Double
    /// Lower and upper confidence bound (NaN when the index has no interval).
    public var ciLow: Double, ciHigh: Double

    /// Creates a row.
    public init(parameter: String, output: String, index: String, value: Double, ciLow: Double = .nan, ciHigh: Double = .nan) {
        self.parameter = parameter
        self.output = output
        self.index = index
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
    }

    /// The CSV header `parameter,output,index,value,ci_low,ci_high` (with its line feed).
    public static let csvHeader = CSVFormat.row(["parameter", "output", "index", "value", "ci_low", "ci_high"])

    /// The row as CSV (with its line feed): numbers round-trip exactly; `nan` for a NaN value, an
    /// empty field for a missing interval.
    public var csvRow: String {
        var text = CSVFormat.escape(parameter) + "," + CSVFormat.escape(output) + "," + index + ","
        CSVFormat.append(value, to: &text)
        text += ","
        if !ciLow.isNaN { CSVFormat.append(ciLow, to: &text) }
        text += ","
        if !ciHigh.isNaN { CSVFormat.append(ciHigh, to: &text) }
        return text + "\n"
    }
}

/// Percentile bootstrap settings (Efron & Tibshirani, An Introduction to the Bootstrap, 1993,
/// ch. 13): `resamples` resamples of the base rows (Sobol') or trajectories (Morris), drawn with
/// replacement from a stream keyed by `seed`; the interval is the (1 − confidence)/2 and
/// (1 + confidence)/2 quantiles of the resampled indices (linear interpolation between order
/// statistics). Resampling treats the quasi-random rows as independent, so for Sobol' points the
/// interval is conservative.
public struct Bootstrap: Sendable, Equatable {
    /// Number of resamples (0: no intervals).
    public var resamples: Int
    /// Confidence level in (0, 1).
    public var confidence: Double
    /// Seed of the resampling stream.
    public var seed: UInt64

    /// Creates settings (default 1000 resamples, 95%).
    public init(resamples: Int = 1000, confidence: Double = 0.95, seed: UInt64 = 1) {
        self.resamples = resamples
        self.confidence = confidence
        self.seed = seed
    }

    /// Calls `body` with each of the `resamples` resampled row sets (`count` indices in 0..<count,
    /// one buffer reused), always the same sets for the same seed and count.
    func forEachDraw(count: Int, _ body: ([Int]) -> Void) {
        var random = SubjectRandomStream(seed: seed, subject: 0, stream: SubjectRandomStream.key("bootstrap"))
        var draw = [Int](repeating: 0, count: count)
        for _ in 0..<resamples {
            for j in 0..<count { draw[j] = random.nextInt(below: count) }
            body(draw)
        }
    }

    /// The interval of `values` (resampled estimates); NaN bounds when there are none or any is NaN.
    func interval(_ values: [Double]) -> (low: Double, high: Double) {
        guard !values.isEmpty, !values.contains(where: \.isNaN) else { return (.nan, .nan) }
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let k = Int(position.rounded(.down)), fraction = position - Double(k)
            return k + 1 < sorted.count ? sorted[k] + fraction * (sorted[k + 1] - sorted[k]) : sorted[k]
        }
        return (quantile((1 - confidence) / 2), quantile((1 + confidence) / 2))
    }
}
