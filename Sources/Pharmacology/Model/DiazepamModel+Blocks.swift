import ODE

/// The model split into its two blocks. The PK (states 0–5) is linear and autonomous and never
/// depends on the PD; the PD (states 6–11) sees the PK only through the two binding sums
/// `S_g = g · x` and `S_t = t · x`, linear functionals of the drug amounts. The full right-hand
/// side and Jacobian are assembled from these pieces, and the exact-PK simulation
/// (`simulate(...)` with `.exact` pharmacokinetics) uses them directly.
extension DiazepamModel {
    /// Number of PK states (the first six `StateVariable`s).
    public static let pkDimension = 6

    /// The PK system matrix `A` of `dx/dt = A x + r` (1/h), column-major 6 × 6, for the drug
    /// amounts `x = (depot, central, peripheral, ndz, tmz, oxz)`; `r` holds the infusion rates.
    public var pkMatrix: [Double] {
        var a = [Double](repeating: 0, count: 36)
        func set(_ i: Int, _ j: Int, _ v: Double) { a[i + 6 * j] = v }
        set(0, 0, -ka); set(1, 0, ka)
        set(1, 1, -(k10 + k12)); set(2, 1, k12); set(3, 1, formNdz); set(4, 1, formTmz)
        set(1, 2, k21); set(2, 2, -k21)
        set(3, 3, -kNdz); set(5, 3, formOxzFromNdz)
        set(4, 4, -kTmz); set(5, 4, formOxzFromTmz)
        set(5, 5, -kOxz)
        return a
    }

    /// Weights of the drug amounts in the GABA-A binding sum `S_g` (1/mg: unbound nM per mg over Ki).
    public var gabaBindingWeights: [Double] { [0, gDz, 0, gNdz, gTmz, gOxz] }
    /// Weights of the drug amounts in the TSPO binding sum `S_t` (1/mg).
    public var tspoBindingWeights: [Double] { [0, tDz, 0, tNdz, tTmz, tOxz] }

    /// The PD right-hand side (1/h) for the six PD states at `pd` (`tspo … nmda`), given the
    /// occupancies; writes six derivatives to `dy`.
    @inlinable @inline(__always)
    func pdDerivatives(occGaba: Double, occTspo: Double, pd y: UnsafePointer<Double>,
                       into dy: UnsafeMutablePointer<Double>) {
        let tspo = y[0], microglia = y[1], synapses = y[2], coupling = y[3], ampa = y[4], nmda = y[5]
        // TSPO – microglia – synapses.
        dy[0] = kTspo * (1 + tspoMaxUp * occTspo - tspo)
        dy[1] = kMgOn * occTspo * tspo * (1 - microglia) - kMgOff * microglia
        dy[2] = kSyn * (1 - synapses) - kEngulf * microglia * synapses
        // GABA-A tolerance and glutamatergic compensation.
        let target = 1 + homeostasis * emax * coupling * occGaba
        dy[3] = kCoupRec * (1 - coupling) - kCoupLoss * occGaba * coupling
        dy[4] = kAmpa * (target - ampa)
        dy[5] = kNmda * (target - nmda)
    }

    /// `∂(PD derivatives)/∂(PD states)` at fixed occupancies, written into rows and columns
    /// `offset ..< offset + 6` of `j` (the other entries of that block must already be zero).
    @inlinable @inline(__always)
    func pdJacobian(occGaba: Double, occTspo: Double, pd y: UnsafePointer<Double>, into j: MatrixView, offset o: Int) {
        let tspo = y[0], microglia = y[1], synapses = y[2]
        j[o, o] = -kTspo
        j[o + 1, o] = kMgOn * occTspo * (1 - microglia)
        j[o + 1, o + 1] = -kMgOn * occTspo * tspo - kMgOff
        j[o + 2, o + 1] = -kEngulf * synapses
        j[o + 2, o + 2] = -kSyn - kEngulf * microglia
        j[o + 3, o + 3] = -kCoupRec - kCoupLoss * occGaba
        j[o + 4, o + 3] = kAmpa * homeostasis * emax * occGaba
        j[o + 4, o + 4] = -kAmpa
        j[o + 5, o + 3] = kNmda * homeostasis * emax * occGaba
        j[o + 5, o + 5] = -kNmda
    }
}
