import Testing
import ODE

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny deterministic generator, so every run tests
/// the same matrices.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Uniform entries in [-1, 1] plus `n + 1` on a random permutation: well conditioned (the
/// permutation part dominates), and the large entries sit off the diagonal so partial pivoting
/// has to swap rows.
private func wellConditionedMatrix(_ n: Int, seed: UInt64) -> DenseMatrix {
    var rng = SplitMix64(state: seed)
    let a = DenseMatrix(rows: n, columns: n)
    for j in 0..<n {
        for i in 0..<n {
            a[i, j] = Double.random(in: -1...1, using: &rng)
        }
    }
    let permutation = Array(0..<n).shuffled(using: &rng)
    for i in 0..<n {
        a[i, permutation[i]] += Double(n + 1)
    }
    return a
}

private func randomVector(_ n: Int, seed: UInt64) -> [Double] {
    var rng = SplitMix64(state: seed)
    return (0..<n).map { _ in Double.random(in: -1...1, using: &rng) }
}

private func multiply(_ a: DenseMatrix, _ x: [Double]) -> [Double] {
    (0..<a.rows).map { i in (0..<a.columns).reduce(0) { $0 + a[i, $1] * x[$1] } }
}

private func infinityNorm(_ v: [Double]) -> Double {
    v.reduce(0) { max($0, abs($1)) }
}

private func infinityNorm(_ a: DenseMatrix) -> Double {
    (0..<a.rows).map { i in (0..<a.columns).reduce(0) { $0 + abs(a[i, $1]) } }.max() ?? 0
}

private func load(_ a: DenseMatrix, into lu: LUFactorization) {
    for j in 0..<a.columns {
        for i in 0..<a.rows {
            lu.matrix[i, j] = a[i, j]
        }
    }
}

private func solve(_ lu: LUFactorization, _ b: [Double]) -> [Double] {
    var x = b
    x.withUnsafeMutableBufferPointer { lu.solve($0.baseAddress!) }
    return x
}

/// Factors `a` with `backend` and solves `a x = b`.
private func factorAndSolve(
    _ a: DenseMatrix, _ b: [Double], backend: LUBackend
) throws(LinearAlgebraError) -> [Double] {
    let lu = LUFactorization(dimension: a.rows, backend: backend)
    load(a, into: lu)
    try lu.factor()
    return solve(lu, b)
}

@Suite("Dense linear algebra")
struct LinearAlgebraTests {
    @Test("DenseMatrix: row-major literal, column-major storage, identity")
    func denseMatrixLayout() {
        let a = DenseMatrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2 && a.columns == 3)
        #expect(a[0, 2] == 3 && a[1, 0] == 4)
        // Column-major: (1, 0) directly follows (0, 0).
        #expect(a.view.base[1] == 4 && a.view.base[2] == 2)
        a.view[1, 1] = -5
        #expect(a[1, 1] == -5)

        let zero = DenseMatrix(rows: 2, columns: 2)
        #expect((0..<4).allSatisfy { zero.view.base[$0] == 0 })

        let identity = DenseMatrix.identity(3)
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(identity[i, j] == (i == j ? 1 : 0))
            }
        }
    }

    @Test(
        "Random well-conditioned systems: small backward error, known solution recovered",
        arguments: [LUBackend.handWritten, .lapack], [1, 2, 3, 5, 10, 20, 50, 200])
    func randomSystems(backend: LUBackend, n: Int) throws {
        let a = wellConditionedMatrix(n, seed: UInt64(n))
        let exact = randomVector(n, seed: UInt64(1000 + n))
        let b = multiply(a, exact)

        let x = try factorAndSolve(a, b, backend: backend)

        let residual = zip(multiply(a, x), b).map { $0 - $1 }
        let backwardError = infinityNorm(residual) / (infinityNorm(a) * infinityNorm(x))
        #expect(backwardError < 1e-14)
        let forwardError = infinityNorm(zip(x, exact).map { $0 - $1 }) / infinityNorm(exact)
        #expect(forwardError < 1e-13)
    }

    @Test(
        "Zero diagonal: pivoting gives the exact solution",
        arguments: [LUBackend.handWritten, .lapack])
    func needsPivoting(backend: LUBackend) throws {
        // Without row swaps the first step would divide by A[0, 0] = 0.
        let a = DenseMatrix([[0, 2, 1], [1, 0, 3], [2, 1, 0]])
        let x = try factorAndSolve(a, [7, 10, 4], backend: backend)
        for (computed, expected) in zip(x, [1.0, 2, 3]) {
            #expect(abs(computed - expected) < 1e-15)
        }
    }

    @Test("Singular matrices are reported with the failing column", arguments: [LUBackend.handWritten, .lapack])
    func singular(backend: LUBackend) {
        // Second row = 2 × first: elimination leaves an exact 0 in column 1.
        #expect(throws: LinearAlgebraError.singular(column: 1)) {
            try factorAndSolve(DenseMatrix([[1, 2], [2, 4]]), [1, 1], backend: backend)
        }
        #expect(throws: LinearAlgebraError.singular(column: 0)) {
            try factorAndSolve(DenseMatrix([[0, 1], [0, 1]]), [1, 1], backend: backend)
        }
        // Rank 2 in exact binary arithmetic: third column = first + second.
        #expect(throws: LinearAlgebraError.singular(column: 2)) {
            try factorAndSolve(
                DenseMatrix([[1, 1, 2], [2, 0, 2], [0, 4, 4]]), [1, 1, 1], backend: backend)
        }
    }

    @Test("Non-finite entries are reported as singular", arguments: [LUBackend.handWritten, .lapack])
    func nonFinite(backend: LUBackend) {
        for bad in [Double.nan, .infinity] {
            #expect(throws: LinearAlgebraError.self) {
                try factorAndSolve(DenseMatrix([[4, 1, 0], [1, bad, 1], [0, 1, 4]]), [1, 1, 1], backend: backend)
            }
        }
    }

    @Test("Both backends give the same factors and solutions", arguments: [2, 7, 16, 33, 64])
    func backendsAgree(n: Int) throws {
        let a = wellConditionedMatrix(n, seed: 77 &* UInt64(n))
        let b = randomVector(n, seed: 99 &* UInt64(n))
        let hand = LUFactorization(dimension: n, backend: .handWritten)
        let lapack = LUFactorization(dimension: n, backend: .lapack)
        load(a, into: hand)
        load(a, into: lapack)
        try hand.factor()
        try lapack.factor()

        // Same pivot choices and the same dgetrf layout, so the packed factors match entrywise.
        let scale = infinityNorm(a)
        for j in 0..<n {
            for i in 0..<n {
                #expect(abs(hand.matrix[i, j] - lapack.matrix[i, j]) <= 1e-12 * scale)
            }
        }
        let xHand = solve(hand, b)
        let xLapack = solve(lapack, b)
        #expect(infinityNorm(zip(xHand, xLapack).map { $0 - $1 }) <= 1e-12 * infinityNorm(xLapack))
    }

    @Test(".automatic resolves by dimension")
    func automaticBackend() {
        #expect(LUFactorization(dimension: 3).backend == .handWritten)
        #expect(LUFactorization(dimension: 200).backend == .lapack)
        let crossover = LUFactorization.crossoverDimension
        #expect(LUFactorization(dimension: crossover - 1).backend == .handWritten)
        #expect(LUFactorization(dimension: crossover).backend == .lapack)
        #expect(LUFactorization(dimension: 3, backend: .lapack).backend == .lapack)
        #expect(LUFactorization(dimension: 200, backend: .handWritten).backend == .handWritten)
    }

    @Test("Re-solving with existing factors", arguments: [LUBackend.handWritten, .lapack])
    func resolve(backend: LUBackend) throws {
        let n = 12
        let a = wellConditionedMatrix(n, seed: 5)
        let lu = LUFactorization(dimension: n, backend: backend)
        load(a, into: lu)
        try lu.factor()
        for seed in UInt64(1)...3 {
            let exact = randomVector(n, seed: seed)
            let x = solve(lu, multiply(a, exact))
            #expect(infinityNorm(zip(x, exact).map { $0 - $1 }) < 1e-14)
        }
    }

    @Test("Error description names the column")
    func errorDescription() {
        #expect(LinearAlgebraError.singular(column: 4).description.contains("column 4"))
    }
}
