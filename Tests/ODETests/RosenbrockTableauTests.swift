import Foundation
import Testing
import ODE

/// Consistency of the Rosenbrock tableaus, checked from the coefficients alone: the transformed
/// coefficients are mapped back to the classical ones (`Γ`, `α`, `β = α + Γ`, `b`), and the order
/// conditions are evaluated on every rooted tree (Hairer & Wanner, *Solving ODEs II*, §IV.7,
/// Theorem 7.3: the Runge–Kutta conditions with `β` in place of `α` for singly-branched vertices,
/// diagonal included, so every right-hand side is the plain `1/γ(t)`).
@Suite struct RosenbrockTableauTests {
    /// A rooted tree as the list of its root's subtrees.
    struct Tree: Hashable {
        var children: [Tree]
        var order: Int { 1 + children.reduce(0) { $0 + $1.order } }
        /// `γ(t)`: the tree's order times the densities of its subtrees.
        var density: Double { children.reduce(Double(order)) { $0 * $1.density } }
        /// A canonical spelling, so that equal trees compare equal whatever the child order.
        var key: String { "[" + children.map(\.key).sorted().joined() + "]" }
    }

    /// All rooted trees with exactly `order` vertices (1, 1, 2, 4, 9, 20 for orders 1…6).
    static func trees(order: Int) -> [Tree] {
        if order == 1 { return [Tree(children: [])] }
        var seen = Set<String>(), result: [Tree] = []
        func build(_ remaining: Int, _ children: [Tree]) {
            if remaining == 0 {
                let tree = Tree(children: children)
                if seen.insert(tree.key).inserted { result.append(tree) }
                return
            }
            for k in 1...remaining { for sub in trees(order: k) { build(remaining - k, children + [sub]) } }
        }
        build(order - 1, [])
        return result
    }

    /// The classical coefficients of a transformed tableau.
    struct Classical {
        let s: Int
        let gammaMatrix: [[Double]]   // Γ, lower triangular
        let alpha: [[Double]]         // α = a Γ
        let beta: [[Double]]          // α + Γ
        let b: [Double]               // Γᵀ m
        let bHat: [Double]            // Γᵀ (m − e)
        let tableau: RosenbrockTableau

        init(_ t: RosenbrockTableau) {
            tableau = t
            s = t.stageCount
            // Γ⁻¹ = diag(1/γ) − C, lower triangular: invert column by column by forward substitution.
            var inverse = [[Double]](repeating: [Double](repeating: 0, count: s), count: s)
            for i in 0..<s {
                inverse[i][i] = 1 / t.gamma
                for j in 0..<i { inverse[i][j] = -t.C[i][j] }
            }
            var g = [[Double]](repeating: [Double](repeating: 0, count: s), count: s)
            for col in 0..<s {
                for i in col..<s {
                    var rhs = i == col ? 1.0 : 0.0
                    for j in col..<i { rhs -= inverse[i][j] * g[j][col] }
                    g[i][col] = rhs / inverse[i][i]
                }
            }
            gammaMatrix = g
            var alpha = [[Double]](repeating: [Double](repeating: 0, count: s), count: s)
            for i in 0..<s { for j in 0..<s { for k in 0..<i { alpha[i][j] += t.a[i][k] * g[k][j] } } }
            self.alpha = alpha
            let n = s
            beta = (0..<n).map { i in (0..<n).map { j in alpha[i][j] + g[i][j] } }
            b = (0..<n).map { j in (0..<n).reduce(0) { $0 + g[$1][j] * t.m[$1] } }
            bHat = (0..<n).map { j in (0..<n).reduce(0) { $0 + g[$1][j] * (t.m[$1] - t.e[$1]) } }
        }

        func times(_ m: [[Double]], _ v: [Double]) -> [Double] {
            m.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
        }

        /// Stage weights `Φ_i(t)` of a tree.
        func phi(_ tree: Tree) -> [Double] {
            if tree.children.count == 1 { return times(beta, phi(tree.children[0])) }
            var v = [Double](repeating: 1, count: s)
            for child in tree.children {
                let w = times(alpha, phi(child))
                for i in 0..<s { v[i] *= w[i] }
            }
            return v
        }

        /// Largest `|Σ w_i Φ_i(t) − θ^|t| / γ(t)|` over the trees of `order`.
        func residual(weights w: [Double], order: Int, theta: Double = 1) -> Double {
            RosenbrockTableauTests.trees(order: order).map { tree in
                abs(zip(w, phi(tree)).reduce(0) { $0 + $1.0 * $1.1 } - pow(theta, Double(order)) / tree.density)
            }.max()!
        }

        /// Classical weights of the dense output at θ: `Γᵀ Σ_p θ^p w_p`.
        func denseWeights(theta: Double) -> [Double] {
            let monomials = tableau.monomialWeights
            var transformed = [Double](repeating: 0, count: s)
            for (p, row) in monomials.enumerated() {
                for i in 0..<s { transformed[i] += pow(theta, Double(p + 1)) * row[i] }
            }
            return (0..<s).map { j in (0..<s).reduce(0) { $0 + gammaMatrix[$1][j] * transformed[$1] } }
        }

        /// Stability function at infinity, `R(∞) = 1 − wᵀ β⁻¹ 1`, for weights `w`.
        func stabilityAtInfinity(_ w: [Double]) -> Double {
            // β is lower triangular with diagonal γ: solve β x = 1 by forward substitution.
            var x = [Double](repeating: 0, count: s)
            for i in 0..<s {
                var rhs = 1.0
                for j in 0..<i { rhs -= beta[i][j] * x[j] }
                x[i] = rhs / beta[i][i]
            }
            return 1 - zip(w, x).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    @Test func treeCountsAreRight() {
        #expect((1...6).map { Self.trees(order: $0).count } == [1, 1, 2, 4, 9, 20])
    }

    static let methods: [(String, RosenbrockTableau, denseOrder: Int)] = [
        (Rodas5P.name, Rodas5P.tableau, 4), (Rodas4.name, Rodas4.tableau, 3),
    ]

    @Test(arguments: [0, 1])
    func structureAndSimplifyingConditions(index: Int) {
        let (name, t, _) = Self.methods[index]
        let classical = Classical(t)
        let s = t.stageCount
        for i in 0..<s {
            // c_i = Σ_j α_ij and d_i = Σ_j γ_ij: the tabulated nodes and time weights are consistent.
            // (Tabulated to 16–17 digits; entries up to ~100 leave sums good to a few 1e-14.)
            #expect(abs(classical.alpha[i].reduce(0, +) - t.c[i]) <= 5e-14, "\(name) c[\(i)]")
            #expect(abs(classical.gammaMatrix[i].reduce(0, +) - t.d[i]) <= 5e-14, "\(name) d[\(i)]")
            #expect(abs(classical.gammaMatrix[i][i] - t.gamma) <= 1e-16)
        }
        #expect(abs(classical.b.reduce(0, +) - 1) <= 5e-14, "\(name) Σb = \(classical.b.reduce(0, +))")
        #expect(abs(classical.bHat.reduce(0, +) - 1) <= 5e-14)
        // Stiffly accurate: b is the last row of β (y₁ is the last stage argument plus u_s), and the
        // embedded solution is the last stage's argument.
        for j in 0..<s { #expect(abs(classical.b[j] - classical.beta[s - 1][j]) <= 1e-13, "\(name) b[\(j)]") }
        for j in 0..<(s - 1) { #expect(t.m[j] - t.e[j] == t.a[s - 1][j]) }
        #expect(t.c[s - 1] == 1)
        // L-stable: R(∞) = 0 for the solution and for the embedded one.
        #expect(abs(classical.stabilityAtInfinity(classical.b)) <= 1e-13, "\(name) R(∞)")
        #expect(abs(classical.stabilityAtInfinity(classical.bHat)) <= 1e-13, "\(name) R̂(∞)")
        // The dense output is a polynomial through y₀ (θ = 0) and y₁ (θ = 1): Σ_p w_p = m.
        let w = t.monomialWeights
        #expect(w.count == t.interpolantDegree)
        for i in 0..<s { #expect(abs(w.reduce(0) { $0 + $1[i] } - t.m[i]) <= 1e-12) }
    }

    /// The solution satisfies every order condition through its order and fails at least one of
    /// the next; the embedded solution likewise one order lower.
    @Test(arguments: [0, 1])
    func orderConditions(index: Int) {
        let (name, t, _) = Self.methods[index]
        let classical = Classical(t)
        for q in 1...t.order {
            let r = classical.residual(weights: classical.b, order: q)
            #expect(r <= 1e-13, "\(name) order \(q): residual \(r)")
        }
        #expect(classical.residual(weights: classical.b, order: t.order + 1) > 1e-4)
        for q in 1...t.estimatorOrder {
            let r = classical.residual(weights: classical.bHat, order: q)
            #expect(r <= 1e-13, "\(name) embedded order \(q): residual \(r)")
        }
        #expect(classical.residual(weights: classical.bHat, order: t.estimatorOrder + 1) > 1e-4)
    }

    /// The continuous extension has its stated order at every θ (so local interpolation errors are
    /// `O(h^(order + 1))` anywhere in the step).
    @Test(arguments: [0, 1])
    func denseOutputOrderConditions(index: Int) {
        let (name, t, denseOrder) = Self.methods[index]
        let classical = Classical(t)
        for theta in [0.1, 0.3, 0.5, 0.77, 0.95] {
            let w = classical.denseWeights(theta: theta)
            for q in 1...denseOrder {
                let r = classical.residual(weights: w, order: q, theta: theta)
                #expect(r <= 1e-13, "\(name) dense θ = \(theta), order \(q): residual \(r)")
            }
        }
    }
}
