// Hand-written LU vs LAPACKE across system sizes, to place LUFactorization.crossoverDimension.
//
//   cd Benchmarks && swift package benchmark --target LinearAlgebraBenchmarks
//
// "fill+factor+solve" is what a stiff step pays after a Jacobian update (copy the Newton
// matrix into the scratch, factor, one solve); "re-solve" is each further Newton iteration.
// Everything is allocated in the setup hook so the measured bodies allocate nothing: the
// mallocCountTotal column must read 0.

import Benchmark
import ODE

/// SplitMix64: deterministic inputs, so runs on different days factor the same matrices.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One backend at one size: the solver plus a saved matrix and right-hand side to restore
/// before every factorisation (both backends overwrite their inputs).
final class Fixture {
    let dimension: Int
    let lu: LUFactorization
    /// Dense with uniform entries in [-1, 1] plus `n + 1` on a random permutation: well
    /// conditioned, and pivoting swaps rows at almost every step, as in a general Newton matrix.
    let a: DenseMatrix
    let b: DenseMatrix
    /// The right-hand side that `solve` overwrites with the solution.
    let x: DenseMatrix

    init(dimension n: Int, backend: LUBackend) throws {
        dimension = n
        lu = LUFactorization(dimension: n, backend: backend)
        a = DenseMatrix(rows: n, columns: n)
        b = DenseMatrix(rows: n, columns: 1)
        x = DenseMatrix(rows: n, columns: 1)
        var rng = SplitMix64(state: UInt64(n))
        for j in 0..<n {
            for i in 0..<n {
                a[i, j] = Double.random(in: -1...1, using: &rng)
            }
            b[j, 0] = Double.random(in: -1...1, using: &rng)
        }
        for (i, j) in Array(0..<n).shuffled(using: &rng).enumerated() {
            a[i, j] += Double(n + 1)
        }
        // Factors for the re-solve benchmark; the factor+solve one refactors every time.
        lu.matrix.base.update(from: a.view.base, count: n * n)
        try lu.factor()
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        // 1000 calls per sample so that timer resolution is negligible even at n = 4.
        scalingFactor: .kilo,
        maxDuration: .seconds(1),
        maxIterations: 10_000
    )

    for backend in [LUBackend.handWritten, .lapack] {
        // 40–56 in steps of 4 because the first run put the crossover between 48 and 64.
        for n in [4, 8, 12, 16, 20, 24, 32, 40, 44, 48, 52, 56, 64] {
            let label = "\(backend) n=\(n < 10 ? "0" : "")\(n)"

            Benchmark("fill+factor+solve \(label)") { benchmark, fixture in
                let n = fixture.dimension
                let scratch = fixture.lu.matrix.base
                let x = fixture.x.view.base
                for _ in benchmark.scaledIterations {
                    scratch.update(from: fixture.a.view.base, count: n * n)
                    x.update(from: fixture.b.view.base, count: n)
                    // Cannot throw: the matrix was factored successfully in setup.
                    try! fixture.lu.factor()
                    fixture.lu.solve(x)
                    blackHole(x[0])
                }
            } setup: {
                try Fixture(dimension: n, backend: backend)
            }

            Benchmark("re-solve \(label)") { benchmark, fixture in
                let x = fixture.x.view.base
                for _ in benchmark.scaledIterations {
                    x.update(from: fixture.b.view.base, count: fixture.dimension)
                    fixture.lu.solve(x)
                    blackHole(x[0])
                }
            } setup: {
                try Fixture(dimension: n, backend: backend)
            }
        }
    }
}
