import Foundation
import Testing
@testable import Sweep

/// The lazy Latin hypercube: a keyed Feistel permutation per dimension (a bijection, so every
/// stratum holds one run) and a uniform position per run, each run computed on its own.
@Suite struct LatinHypercubeTests {
    /// Exhaustively, every image is in range and hit once (sizes around powers of 4 included,
    /// where cycle-walking does the most work, up to 10⁵).
    @Test(arguments: [0, 1, 2, 3, 4, 5, 15, 16, 17, 1000, 4097, 65_536, 100_000])
    func permutationIsABijection(count: Int) {
        for key: UInt64 in [0, 1, 0xDEAD_BEEF] {
            let p = StratumPermutation(count: count, key: key)
            var hit = [Bool](repeating: false, count: count)
            for k in 0..<count {
                let image = p[k]
                guard image >= 0 && image < count && !hit[image] else {
                    Issue.record("count \(count) key \(key): \(k) → \(image) is out of range or hit twice")
                    return
                }
                hit[image] = true
            }
        }
    }

    /// Values of the documented construction (6 Feistel rounds of the SplitMix64 finaliser, round
    /// keys from `SubjectRandomStream(seed: key, subject: 0)`, cycle-walking), computed by an
    /// independent Python transcription of the doc comment; they pin the design across toolchains.
    @Test func permutationMatchesAnIndependentTranscription() {
        #expect((0..<10).map { StratumPermutation(count: 10, key: 1)[$0] } == [7, 2, 0, 9, 1, 3, 8, 4, 5, 6])
        #expect((0..<10).map { StratumPermutation(count: 10, key: 2)[$0] } == [5, 8, 4, 0, 2, 3, 9, 6, 1, 7])
        #expect((0..<5).map { StratumPermutation(count: 5, key: 12345)[$0] } == [3, 0, 1, 4, 2])
    }

    /// Spearman's ρ between `a` and `b` (both permutations of `0 ..< n`): 1 − 6Σd²/(n(n²−1)).
    func spearman(_ a: [Int], _ b: [Int]) -> Double {
        let n = Double(a.count)
        let d2 = zip(a, b).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        return 1 - 6 * d2 / (n * (n * n - 1))
    }

    /// Under a uniformly random permutation ρ has mean 0 and variance 1/(n − 1) (Kendall &
    /// Stuart), approximately normal: |ρ| > 5/√(n − 1) has probability ≈ 6e-7. The permutation is
    /// not near the identity, and those of two keys (two dimensions) are not correlated.
    @Test func permutationsLookIndependent() {
        let n = 4097
        let bound = 5 / Double(n - 1).squareRoot()
        let identity = Array(0..<n)
        let a = identity.map { StratumPermutation(count: n, key: 11)[$0] }
        let b = identity.map { StratumPermutation(count: n, key: 12)[$0] }
        #expect(abs(spearman(identity, a)) < bound)
        #expect(abs(spearman(identity, b)) < bound)
        #expect(abs(spearman(a, b)) < bound)
        #expect(a != b)
    }

    static let unitRanges: [(name: String, lower: Double, upper: Double, scale: SweepPlan.Scale)] =
        [("a", 0, 1, .linear), ("b", 0, 1, .linear)]

    func column(_ plan: RunPlan, _ d: Int) -> [Double] {
        plan.map { run -> Double in
            guard case .number(let x) = run.assignments[d].value else { return .nan }
            return x
        }
    }

    /// The position of each point within its stratum, `N·x − ⌊N·x⌋` on (0, 1), is uniform: by the
    /// Dvoretzky–Kiefer–Wolfowitz inequality with Massart's constant (Ann. Probab. 1990),
    /// P(sup |F_N − F| > ε) ≤ 2·exp(−2Nε²), so ε = √(ln(2/α)/(2N)) with α = 1e-6 is exceeded by a
    /// uniform sample once in a million. The values themselves are uniform much more tightly:
    /// one per stratum puts ⌊Nx⌋ or ⌈Nx⌉ of them below x, so |F_N(x) − x| ≤ 1/N.
    @Test func marginalsAreUniform() throws {
        let n = 10_000
        let plan = try SweepPlan.latinHypercube(ranges: Self.unitRanges, count: n, seed: 2026)
        let epsilon = (log(2 / 1e-6) / (2 * Double(n))).squareRoot()
        for d in 0..<2 {
            let values = column(plan, d).sorted()
            let positions = values.map { Double(n) * $0 - (Double(n) * $0).rounded(.down) }.sorted()
            var within = 0.0, overall = 0.0
            for i in 0..<n {
                // sup over x of |F_N(x) − x| is attained at the sample points, from either side.
                within = max(within, abs(Double(i + 1) / Double(n) - positions[i]), abs(Double(i) / Double(n) - positions[i]))
                overall = max(overall, abs(Double(i + 1) / Double(n) - values[i]), abs(Double(i) / Double(n) - values[i]))
            }
            #expect(within < epsilon, "dimension \(d): KS distance of the positions \(within) ≥ \(epsilon)")
            #expect(overall <= 1 / Double(n) + 1e-12, "dimension \(d): KS distance of the values \(overall)")
        }
    }

    /// Any slice (a shard) holds exactly the runs of the whole plan at the same indices, and a
    /// different seed moves every dimension.
    @Test func shardsAreSlicesOfTheWholeAndSeedsDiffer() throws {
        let whole = try SweepPlan.latinHypercube(ranges: Self.unitRanges, count: 1000, seed: 5)
        var concatenated: [RunSpec] = []
        for k in 1...7 {
            concatenated += Array(try Shard(index: k, count: 7).select(whole))
        }
        #expect(concatenated == Array(whole))
        let other = try SweepPlan.latinHypercube(ranges: Self.unitRanges, count: 1000, seed: 6)
        for d in 0..<2 {
            let moved = zip(column(whole, d), column(other, d)).filter { $0 != $1 }.count
            #expect(moved == 1000, "dimension \(d)")
        }
    }

    /// A hypercube of 10¹² runs is made without building it: reading its last run is immediate,
    /// in range, and the same each time.
    @Test func aHugeHypercubeIsLazy() throws {
        let count = 1_000_000_000_000
        let plan = try SweepPlan.latinHypercube(ranges: [("Ki", 1, 1000, .log)], count: count, seed: 1)
        #expect(plan.count == count)
        let last = plan[count - 1]
        #expect(last.id == "1000000000000")
        #expect(last == plan[count - 1])
        guard case .number(let x) = last.assignments[0].value else { Issue.record("not a number"); return }
        #expect(x >= 1 && x <= 1000)
    }
}
