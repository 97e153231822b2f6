/// What can be dispensed: tablets of given strengths (optionally split in half), or a liquid
/// measured in multiples of a step. A dose can be given only if it is a sum of these units.
///
/// ```swift
/// let rules = try Dispensing.tablets([2, 5, 10], splitInHalf: true)
/// rules.doses(upTo: 10)          // [1, 2, 2.5, 3, 3.5, 4, 4.5, 5, …, 10] mg
/// rules.describe(7)              // "1×5mg + 1×2mg"
/// ```
///
/// Amounts are handled as whole numbers of 0.0001 mg (0.1 µg), so that a dose is the double a
/// person would write (`73 × 0.1 mg` is `7.3`, not `7.300000000000001`) and the regimen text of a
/// schedule reads back to the same number.
public struct Dispensing: Sendable, Equatable, CustomStringConvertible {
    /// One dispensable unit: a whole tablet, a half tablet, or one liquid step.
    public struct Unit: Sendable, Equatable {
        /// The tablet strength, or the liquid step (mg).
        public var strength: Double
        /// Whether this is half a tablet of `strength`.
        public var isHalf: Bool
        /// The amount it gives (mg).
        public var amount: Double { isHalf ? strength / 2 : strength }
    }

    /// The kind of product.
    public enum Form: Sendable, Equatable {
        /// Tablets of these strengths (mg), ascending; `splitInHalf` allows half tablets.
        case tablets(strengths: [Double], splitInHalf: Bool)
        /// A liquid: any whole multiple of `step` mg.
        case liquid(step: Double)
    }

    /// The product.
    public let form: Form
    /// The units a dose is summed from, ascending by amount.
    public let units: [Unit]
    /// Amounts are multiples of this many mg.
    static let quantum = 1e-4

    /// Tablets of `strengths` (mg), halves allowed with `splitInHalf`.
    /// - Throws: `TaperError.invalidRequest` for no strengths, or a strength that is not a
    ///   positive multiple of 0.0002 mg (so that its half is a multiple of 0.0001 mg).
    public static func tablets(_ strengths: [Double], splitInHalf: Bool = false) throws(TaperError) -> Dispensing {
        guard !strengths.isEmpty else {
            throw .invalidRequest("no tablet strengths: expected at least one, e.g. 2mg,5mg,10mg")
        }
        let sorted = Array(Set(strengths)).sorted()
        for s in sorted {
            guard s.isFinite, s > 0, let q = Self.quanta(s), !splitInHalf || q % 2 == 0 else {
                throw .invalidRequest("tablet strength \(TaperText.mg(s)): expected an amount > 0 mg in steps of \(splitInHalf ? "0.0002" : "0.0001") mg")
            }
        }
        var units = sorted.map { Unit(strength: $0, isHalf: false) }
        if splitInHalf { units += sorted.map { Unit(strength: $0, isHalf: true) } }
        units.sort { ($0.amount, $0.isHalf ? 1 : 0) < ($1.amount, $1.isHalf ? 1 : 0) }
        return Dispensing(form: .tablets(strengths: sorted, splitInHalf: splitInHalf), units: units)
    }

    /// A liquid dosed in whole multiples of `step` mg.
    /// - Throws: `TaperError.invalidRequest` for a step that is not a positive multiple of 0.0001 mg.
    public static func liquid(step: Double) throws(TaperError) -> Dispensing {
        guard step.isFinite, step > 0, Self.quanta(step) != nil else {
            throw .invalidRequest("liquid step \(TaperText.mg(step)): expected an amount > 0 mg in steps of 0.0001 mg")
        }
        return Dispensing(form: .liquid(step: step), units: [Unit(strength: step, isHalf: false)])
    }

    private init(form: Form, units: [Unit]) {
        self.form = form
        self.units = units
    }

    /// `amount` as a whole number of quanta, or nil if it is not one (to 1e-9 relative).
    static func quanta(_ amount: Double) -> Int? {
        let q = amount / quantum
        guard q.isFinite, q < 1e12, abs(q - q.rounded()) <= 1e-6 * max(1, q) else { return nil }
        return Int(q.rounded())
    }

    /// The number of mg in `quanta` quanta, as the nearest double to the decimal.
    static func amount(_ quanta: Int) -> Double { Double(quanta) / 10_000 }

    /// Every dose (mg) greater than 0 and at most `maximum` that is a sum of the units, ascending.
    public func doses(upTo maximum: Double) -> [Double] {
        let table = pieceTable(upTo: maximum)
        return table.indices.dropFirst().filter { table[$0] != nil }.map { Self.amount($0 * table.step) }
    }

    /// Whether `dose` (mg) is a sum of the units (0 is: nothing).
    public func canDispense(_ dose: Double) -> Bool {
        guard let q = Self.quanta(dose) else { return false }
        let table = pieceTable(upTo: dose)
        return q % table.step == 0 && table[q / table.step] != nil
    }

    /// What to give for `dose` mg with the fewest pieces (ties: fewer halves, then larger
    /// tablets), e.g. `1×5mg + 1×2mg`, `½×2mg`, `liquid 0.7mg (7×0.1mg)`; nil if it cannot be
    /// dispensed. `0` is `none`.
    public func describe(_ dose: Double) -> String? {
        guard let q = Self.quanta(dose) else { return nil }
        if q == 0 { return "none" }
        if case .liquid(let step) = form {
            guard canDispense(dose) else { return nil }
            return "liquid \(TaperText.mg(dose)) (\(q / Self.quanta(step)!)×\(TaperText.mg(step)))"
        }
        let table = pieceTable(upTo: dose)
        guard q % table.step == 0, table[q / table.step] != nil else { return nil }
        var counts = [Int](repeating: 0, count: units.count)
        var rest = q / table.step
        while rest > 0 {
            let u = table[rest]!.unit
            counts[u] += 1
            rest -= Self.quanta(units[u].amount)! / table.step
        }
        // Whole tablets first, largest first, then halves.
        let order = units.indices.sorted { a, b in
            (units[a].isHalf ? 1 : 0, -units[a].strength) < (units[b].isHalf ? 1 : 0, -units[b].strength)
        }
        return order.filter { counts[$0] > 0 }.map { i in
            let n = counts[i]
            let what = TaperText.mg(units[i].strength)
            return units[i].isHalf ? (n == 1 ? "½×\(what)" : "\(n)×½×\(what)") : "\(n)×\(what)"
        }.joined(separator: " + ")
    }

    /// For every multiple `k · step` quanta up to `maximum`, the best decomposition's last unit
    /// (nil: not dispensable): an unbounded-knapsack table minimising (pieces, halves, −size).
    struct PieceTable {
        var step: Int
        var best: [(unit: Int, pieces: Int, halves: Int)?]
        var indices: Range<Int> { best.indices }
        subscript(k: Int) -> (unit: Int, pieces: Int, halves: Int)? { best[k] }
    }

    func pieceTable(upTo maximum: Double) -> PieceTable {
        let unitQuanta = units.map { Self.quanta($0.amount)! }
        let step = unitQuanta.reduce(0, gcd)
        let n = Int((maximum / Self.quantum / Double(step) + 1e-6).rounded(.down))
        var best: [(unit: Int, pieces: Int, halves: Int)?] = Array(repeating: nil, count: max(0, n) + 1)
        best[0] = (unit: -1, pieces: 0, halves: 0)
        if n >= 1 {
            for k in 1...n {
                var choice: (unit: Int, pieces: Int, halves: Int)? = nil
                // Larger units last so that among equal (pieces, halves) the larger tablet wins.
                for (u, uq) in unitQuanta.enumerated() where uq / step <= k {
                    guard let before = best[k - uq / step] else { continue }
                    let candidate = (unit: u, pieces: before.pieces + 1, halves: before.halves + (units[u].isHalf ? 1 : 0))
                    if let c = choice, (c.pieces, c.halves) < (candidate.pieces, candidate.halves) { continue }
                    choice = candidate
                }
                best[k] = choice
            }
        }
        return PieceTable(step: step, best: best)
    }

    /// `2mg, 5mg, 10mg tablets (halves allowed)` or `liquid in steps of 0.1mg`.
    public var description: String {
        switch form {
        case .tablets(let strengths, let split):
            return strengths.map(TaperText.mg).joined(separator: ", ") + " tablets" + (split ? " (halves allowed)" : "")
        case .liquid(let step):
            return "liquid in steps of \(TaperText.mg(step))"
        }
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

/// Numbers and amounts as a person writes them, for regimen text, CSV and messages.
enum TaperText {
    /// `10`, `0.5`, `7.3` (never `10.0`).
    static func number(_ x: Double) -> String {
        if x == 0 { return "0" }
        let text = "\(x)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `5mg`.
    static func mg(_ x: Double) -> String { number(x) + "mg" }

    /// A number to `digits` significant digits, for messages.
    static func short(_ x: Double, _ digits: Int = 3) -> String {
        guard x.isFinite, x != 0 else { return number(x) }
        let scale = pow(10, Double(digits - 1) - floor(log10(abs(x))))
        return number((x * scale).rounded() / scale)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
