import Foundation

/// Exact per-time percentiles of every output over the subjects of a population (prediction
/// bands, as drawn in a visual predictive check), fed one subject at a time.
///
/// Method: percentile `p` of the `n` non-NaN values at one time and output is R's default
/// "type 7" estimator (Hyndman & Fan, "Sample quantiles in statistical packages", The American
/// Statistician 50(4), 1996; NumPy's `linear`): with `x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎` and `h = (n − 1)·p/100`,
/// `Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)`. The order statistics are found by
/// selection (Floyd–Rivest), not by sorting. Exact percentiles need every subject's value at every
/// time and output, so memory is 8·N·T·K bytes for N subjects, T times and K outputs (10,000
/// subjects × 451 daily samples × 26 outputs ≈ 0.94 GB); nothing else grows with N.
///
/// Determinism: an order statistic does not depend on the order the values came in, so the bands
/// are the same for any thread count, shard layout or file order; the result is computed in
/// parallel blocks but each number by the same arithmetic, and written in time and column order.
/// Merging shards: shards write their subjects' trajectories (`--trajectories`), and the bands
/// of those files together (`benzosim bands part*.csv`) equal the unsharded bands byte for byte
/// (CSV numbers read back exactly).
public struct PercentileBands: Sendable {
    /// Percentiles in 0…100, ascending, no repeats.
    public let percentiles: [Double]
    /// Output columns, with units in the names (`dz_plasma_ng_per_mL`).
    public let columns: [String]
    /// The sample times (h), set by the first subject.
    public private(set) var times: [Double] = []
    /// Subjects added.
    public private(set) var subjects = 0
    /// Subject-major values: subject `s`, time `t`, column `k` at `(s·T + t)·K + k`.
    var values: [Double] = []

    /// Subjects expected (storage for them is reserved when the first arrives), 0 if unknown.
    public var expectedSubjects = 0

    /// Bands of `percentiles` over `columns`.
    /// - Throws: `InputError` (usage, field `--percentiles`) unless every percentile is in 0…100
    ///   and there is at least one.
    public init(percentiles: [Double], columns: [String]) throws(InputError) {
        guard !percentiles.isEmpty, percentiles.allSatisfy({ (0...100).contains($0) }) else {
            throw InputError(.usage, field: "--percentiles", "percentiles must be numbers from 0 to 100, e.g. 5,50,95")
        }
        self.percentiles = Array(Set(percentiles)).sorted()
        self.columns = columns
    }

    /// Parses a comma-separated list of percentiles, e.g. `5,50,95` or `2.5,97.5`.
    public static func parse(_ text: String) throws(InputError) -> [Double] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && (0...100).contains($0!) }) else {
            throw InputError(.usage, field: "--percentiles", "'\(text)' must be comma-separated percentiles from 0 to 100, e.g. 5,50,95")
        }
        return values.map { $0! }
    }

    /// Adds one subject: its sample `times` (h) and, time-major, the value of every column at each
    /// (`values[t·K + k]`).
    /// - Throws: `InputError` (data, naming `subject`) if its times differ from the first
    ///   subject's: bands need one time grid.
    public mutating func add(subject: String, times: [Double], values: [Double]) throws(InputError) {
        precondition(values.count == times.count * columns.count, "one value per time and column")
        if subjects == 0 {
            self.times = times
            self.values.reserveCapacity(max(1, expectedSubjects) * values.count)
        } else if times != self.times {
            throw InputError(.data, field: "subject \(subject)", "its sample times differ from the first subject's (\(times.count) vs \(self.times.count) samples): percentile bands need every subject sampled at the same times")
        }
        self.values.append(contentsOf: values)
        subjects += 1
    }

    /// The column name of percentile `p`: `p5`, `p50`, `p2.5`.
    public static func columnName(_ p: Double) -> String { "p" + CSVFormat.format(p) }

    /// `time_h,name,unit,n,p…` and a line feed.
    public var header: String {
        (["time_h", "name", "unit", "n"] + percentiles.map(Self.columnName)).joined(separator: ",") + "\n"
    }

    /// The bands as CSV: the header, then one row per time and column (time-major, columns in
    /// order): `time_h`, the output `name` and `unit` (split from the column name), `n` (subjects
    /// with a non-NaN value there) and the percentiles (`nan` where n = 0).
    public func csv(threads: Int = ParallelExecutor.defaultThreadCount) -> String {
        let rows = computeRows(threads: threads)
        let width = percentiles.count + 1
        let labels = columns.map { column -> String in
            let (name, unit) = TrajectoryReader.split(column: column)
            return "," + CSVFormat.escape(name) + "," + CSVFormat.escape(unit) + ","
        }
        var text = CSVByteBuffer(capacity: header.utf8.count + times.count * columns.count * (20 + 22 * width))
        text.append(header)
        for t in times.indices {
            for k in columns.indices {
                let row = (t * columns.count + k) * width
                text.append(times[t])
                text.append(labels[k])
                for j in 0..<width {
                    if j > 0 { text.append(byte: UInt8(ascii: ",")) }
                    text.append(rows[row + j])
                }
                text.append(byte: UInt8(ascii: "\n"))
            }
        }
        return text.string
    }

    /// For each (time, column), `n` and then the percentiles, in blocks of columns of the
    /// subject-major storage transposed through a scratch buffer (each subject's block is read
    /// contiguously), blocks in parallel.
    func computeRows(threads: Int) -> [Double] {
        let cells = times.count * columns.count, width = percentiles.count + 1
        let block = 64, blocks = (cells + block - 1) / block
        var result = [Double](repeating: .nan, count: cells * width)
        let n = subjects
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                let source = UnsafeBufferPointerBox(source), target = UnsafeMutableBufferPointerBox(target)
                let workers = max(1, min(threads, blocks))
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, block * n))
                    defer { scratch.deallocate() }
                    var b = worker
                    while b < blocks {
                        let first = b * block, count = min(block, cells - first)
                        for s in 0..<n {
                            let row = source.base + s * cells + first
                            for c in 0..<count { scratch[c * n + s] = row[c] }
                        }
                        for c in 0..<count {
                            Self.percentiles(of: scratch + c * n, count: n, percentiles: percentiles,
                                             into: target.base + (first + c) * width)
                        }
                        b += workers
                    }
                }
            }
        }
        return result
    }

    /// Writes `n` (non-NaN count) then the type-7 percentiles of `values[0..<count]` to `out`;
    /// reorders `values`.
    static func percentiles(of values: UnsafeMutablePointer<Double>, count: Int, percentiles: [Double],
                            into out: UnsafeMutablePointer<Double>) {
        // NaNs to the end; they do not count.
        var n = 0
        for i in 0..<count where !values[i].isNaN {
            values.swapAt(n, i)
            n += 1
        }
        out[0] = Double(n)
        guard n > 0 else {
            for j in percentiles.indices { out[j + 1] = .nan }
            return
        }
        // Ranks ascending, so each selection works on the part right of the previous one.
        var settled = 0
        for (j, p) in percentiles.enumerated() {
            let h = Double(n - 1) * p / 100
            let low = min(n - 1, Int(h.rounded(.down)))
            if low >= settled { select(values, lower: settled, upper: n, rank: low) }
            settled = low
            let x = values[low]
            guard low + 1 < n, h > Double(low), x.isFinite else {
                out[j + 1] = x
                continue
            }
            // x₍low+1₎ is the smallest value right of position `low`.
            var next = values[low + 1]
            for i in (low + 2)..<max(low + 2, n) where values[i] < next { next = values[i] }
            out[j + 1] = next == x ? x : x + (h - Double(low)) * (next - x)
        }
    }

    /// Floyd–Rivest selection (Floyd & Rivest, "Algorithm 489: SELECT", CACM 18(3), 1975):
    /// afterwards `values[rank]` is the value of that rank in `values[lower..<upper]`, everything
    /// left of it is ≤ and right of it ≥. On large ranges it first selects within a small sample
    /// around the expected position, so the pivot lands next to the rank and the partition does
    /// about n + min(k, n − k) comparisons (plain quickselect: 2n to 3.4n).
    static func select(_ values: UnsafeMutablePointer<Double>, lower: Int, upper: Int, rank: Int) {
        var left = lower, right = upper - 1
        let k = rank
        while right > left {
            if right - left > 600 {
                let n = Double(right - left + 1), i = Double(k - left + 1)
                let z = Foundation.log(n), s = 0.5 * Foundation.exp(2 * z / 3)
                let sd = 0.5 * (z * s * (n - s) / n).squareRoot() * (i - n / 2 < 0 ? -1 : 1)
                let newLeft = max(left, Int(Double(k) - i * s / n + sd))
                let newRight = min(right, Int(Double(k) + (n - i) * s / n + sd))
                select(values, lower: newLeft, upper: newRight + 1, rank: k)
            }
            let t = values[k]
            var i = left, j = right
            values.swapAt(left, k)
            if values[right] > t { values.swapAt(right, left) }
            while i < j {
                values.swapAt(i, j)
                i += 1
                j -= 1
                while values[i] < t { i += 1 }
                while values[j] > t { j -= 1 }
            }
            if values[left] == t {
                values.swapAt(left, j)
            } else {
                j += 1
                values.swapAt(j, right)
            }
            if j <= k { left = j + 1 }
            if k <= j { right = j - 1 }
        }
    }
}

extension UnsafeMutablePointer where Pointee == Double {
    @inline(__always) func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}

/// Buffer addresses handed to `concurrentPerform` workers (each writes disjoint cells).
struct UnsafeBufferPointerBox: @unchecked Sendable {
    let base: UnsafePointer<Double>
    init(_ buffer: UnsafeBufferPointer<Double>) { base = buffer.baseAddress ?? UnsafePointer(bitPattern: 8)! }
}

struct UnsafeMutableBufferPointerBox: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)! }
}
