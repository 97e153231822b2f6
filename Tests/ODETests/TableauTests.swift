import Testing
@testable import ODE

/// Consistency of the generated tableaus: the simplifying conditions and the order conditions that
/// any correct transcription satisfies, plus the dense output's end-point conditions.
@Suite struct TableauTests {
    static let tableaus: [(String, ExplicitRKTableau)] = [
        (DormandPrince54.name, DormandPrince54.tableau), (DOP853.name, DOP853.tableau),
    ]

    @Test(arguments: tableaus.map { $0.0 })
    func rowSumsEqualNodes(name: String) {
        let t = Self.tableaus.first { $0.0 == name }!.1
        for s in 0..<t.c.count {
            #expect(abs(t.a[s].reduce(0, +) - t.c[s]) < 1e-14, "stage \(s) of \(name)")
        }
    }

    @Test(arguments: tableaus.map { $0.0 })
    func weightsAndErrorEstimates(name: String) {
        let t = Self.tableaus.first { $0.0 == name }!.1
        #expect(abs(t.b.reduce(0, +) - 1) < 1e-14)
        #expect(abs(t.errorWeights.reduce(0, +)) < 1e-14, "an error estimate must vanish for y' = const")
        if let e3 = t.secondaryErrorWeights { #expect(abs(e3.reduce(0, +)) < 1e-14) }
        if t.isFSAL {
            // The FSAL stage is evaluated at the new point: its row is b and its node is 1.
            let last = t.stageCount - 1
            #expect(t.c[last] == 1)
            for j in 0..<last { #expect(t.a[last][j] == t.b[j]) }
        }
    }

    /// Quadrature order conditions Σ b_i c_i^k = 1/(k+1) for k < order, and the tree condition
    /// Σ b_i a_ij c_j = 1/6.
    @Test(arguments: tableaus.map { $0.0 })
    func orderConditions(name: String) {
        let t = Self.tableaus.first { $0.0 == name }!.1
        for k in 0..<t.order {
            var sum = 0.0
            for i in 0..<t.stageCount { sum += t.b[i] * pow(t.c[i], Double(k)) }
            #expect(abs(sum - 1 / Double(k + 1)) < 1e-13, "Σ b c^\(k) for \(name)")
        }
        var tree = 0.0
        for i in 0..<t.stageCount {
            for j in 0..<i { tree += t.b[i] * t.a[i][j] * t.c[j] }
        }
        #expect(abs(tree - 1.0 / 6) < 1e-13)
    }

    /// At θ = 1 the interpolant reproduces the step (Σ_p B_ip = b_i), and its θ-derivative at 0
    /// is f(t, y) (only stage 0 has a linear term, equal to 1).
    @Test(arguments: tableaus.map { $0.0 })
    func denseOutputEndpoints(name: String) {
        let t = Self.tableaus.first { $0.0 == name }!.1
        for i in 0..<t.c.count {
            let atOne = t.interpolation[i].reduce(0, +)
            let bi = i < t.stageCount ? t.b[i] : 0
            #expect(abs(atOne - bi) < 1e-13, "stage \(i) of \(name)")
            #expect(t.interpolation[i][0] == (i == 0 ? 1 : 0))
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
