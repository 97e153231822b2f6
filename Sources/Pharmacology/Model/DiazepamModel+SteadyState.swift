extension DiazepamModel {
    /// Average plasma concentrations (ng/mL) of DZ, NDZ, TMZ and OXZ over a dosing interval at the
    /// periodic steady state of `amount` mg every `interval` h by `route`.
    ///
    /// The PK is linear, `dx/dt = A x + r(t)`; over one period of the periodic steady state the
    /// amounts return to their start, so the period averages satisfy `0 = A x̄ + r̄`, i.e.
    /// `x̄ = −A⁻¹ r̄`, with `r̄` the mass entering per hour: `F·amount/τ` into the depot for oral,
    /// i.p. and depot-infusion routes, `amount/τ` into the central compartment otherwise. For DZ
    /// this is the textbook `F·Dose/(CL·τ)`.
    public func steadyStateAverageConcentrations(amount: Double, interval: Double, route: Dose.Route)
        -> (dz: Double, ndz: Double, tmz: Double, oxz: Double) {
        let m = Self.pkDimension
        var a = pkMatrix
        var x = [Double](repeating: 0, count: m)
        let depot = route.compartment == .depot
        x[depot ? 0 : 1] = (depot ? bioavailability : 1) * amount / interval
        // Solve A x̄ = −r̄ by Gaussian elimination with partial pivoting (column-major 6 × 6).
        for i in 0..<m { x[i] = -x[i] }
        for k in 0..<m {
            let p = (k..<m).max { abs(a[$0 + m * k]) < abs(a[$1 + m * k]) }!
            if p != k {
                for j in 0..<m { a.swapAt(k + m * j, p + m * j) }
                x.swapAt(k, p)
            }
            for i in (k + 1)..<m {
                let f = a[i + m * k] / a[k + m * k]
                guard f != 0 else { continue }
                for j in k..<m { a[i + m * j] -= f * a[k + m * j] }
                x[i] -= f * x[k]
            }
        }
        for k in stride(from: m - 1, through: 0, by: -1) {
            var s = x[k]
            for j in (k + 1)..<m { s -= a[k + m * j] * x[j] }
            x[k] = s / a[k + m * k]
        }
        // mg/L × 1000 = ng/mL.
        return (x[1] / volumes.central * 1000, x[3] / volumes.ndz * 1000,
                x[4] / volumes.tmz * 1000, x[5] / volumes.oxz * 1000)
    }
}
