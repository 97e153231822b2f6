import Foundation
import Testing
import ODE

/// `LinearPropagator`: exact solutions of `x' = A x + r` against hand-derived formulas, and the
/// matrices it must refuse.
@Suite struct LinearPropagatorTests {
    /// `x1' = −x1 + r1`, `x2' = x1 + r2` (a zero eigenvalue: the `(e^{λτ} − 1)/λ = τ` branch).
    @Test func propagatorSolvesAnAccumulatingChainWithInputExactly() throws {
        let p = try LinearPropagator(matrix: [-1, 1, 0, 0], dimension: 2)   // column-major [[-1, 0], [1, 0]]
        let x0 = [3.0, 0.5], r = [0.7, 0.2]
        var z0 = [0.0, 0], s = [0.0, 0], x = [0.0, 0]
        p.modal(of: x0, into: &z0)
        p.modal(of: r, into: &s)
        for tau in [0.0, 1e-9, 0.3, 2, 40] {
            p.state(after: tau, from: z0, input: s, into: &x)
            let e = exp(-tau)
            let x1 = e * x0[0] + r[0] * (1 - e)
            let x2 = x0[1] + x0[0] * (1 - e) + r[0] * (tau - (1 - e)) + r[1] * tau
            #expect(abs(x[0] - x1) <= 1e-14 * max(1, abs(x1)), "x1 at \(tau): \(x[0]) vs \(x1)")
            #expect(abs(x[1] - x2) <= 1e-13 * max(1, abs(x2)), "x2 at \(tau): \(x[1]) vs \(x2)")
        }
    }

    @Test func propagatorRejectsRepeatedAndComplexEigenvalues() {
        // A Jordan block (λ = −1 twice): no eigenbasis.
        #expect(throws: LinearPropagatorError.self) { try LinearPropagator(matrix: [-1, 1, 0, -1], dimension: 2) }
        // A rotation: eigenvalues ±i.
        #expect(throws: LinearPropagatorError.complexEigenvalues(real: 0, imaginary: 1)) {
            try LinearPropagator(matrix: [0, -1, 1, 0], dimension: 2)
        }
        #expect(throws: LinearPropagatorError.nonFinite) { try LinearPropagator(matrix: [.nan], dimension: 1) }
    }
}
