import ODE

/// The reference model of MODEL.md for one subject: 12 states, linear PK of diazepam and its
/// metabolites, quasi-steady-state binding to the GABA-A benzodiazepine site and to TSPO,
/// TSPO–microglia–synapse dynamics (Shi et al. 2022) and GABA-A tolerance with glutamatergic
/// compensation (Allison & Pratt 2003).
///
/// Construct it from a `ParameterSet` and `Covariates`; it resolves every rate constant once, so
/// the right-hand side and the analytic Jacobian are plain arithmetic. Units: h, mg, L, nM.
///
/// Sharing one model between threads is safe for `simulate` and `outputs(at:)`: its constants are
/// immutable and `simulate` gives every run its own infusion-rate buffer (`withFreshInputs()`).
/// Only code that writes `inputs` itself must keep the model to one thread.
public struct DiazepamModel: ODESystem, @unchecked Sendable {
    /// The parameters (reference values, before covariates).
    public let parameters: ParameterSet
    /// The subject.
    public let covariates: Covariates
    /// TSPO knockout: no TSPO binding at all (every Ki_tspo = ∞).
    public let tspoKnockout: Bool

    /// Zero-order inputs (infusions), mg/h; see `ZeroOrderInputs`.
    public let inputs: ZeroOrderInputs
    @usableFromInline let input: UnsafeMutablePointer<Double>

    // Resolved constants (1/h unless noted).
    @usableFromInline let ka, k10, k12, k21: Double
    @usableFromInline let formNdz, kNdz, formTmz, kTmz, formOxzFromNdz, formOxzFromTmz, kOxz: Double
    /// Unbound nM per mg in each compartment: `fu · 1e6 / (MW · V)`.
    @usableFromInline let unboundDz, unboundNdz, unboundTmz, unboundOxz: Double
    /// 1/Ki weights per mg for GABA-A (`g`) and TSPO (`τ`) occupancy.
    @usableFromInline let gDz, gNdz, gTmz, gOxz, tDz, tNdz, tTmz, tOxz: Double
    @usableFromInline let kTspo, tspoMaxUp, kMgOn, kMgOff, kEngulf, kSyn: Double
    @usableFromInline let emax, kCoupRec, kCoupLoss, homeostasis, kAmpa, kNmda, wAmpa: Double

    /// Subject-level PK values after covariates (for reports and tests).
    public let volumes: (central: Double, peripheral: Double, ndz: Double, tmz: Double, oxz: Double)
    /// Subject-level clearances after covariates (L/h).
    public let clearances: (dz: Double, q: Double, ndz: Double, tmz: Double, oxz: Double)
    /// Bioavailability and lag time of depot doses for this subject.
    public let bioavailability: Double, lagTime: Double

    /// Resolves the model for one subject.
    /// - Throws: `ModelError.invalidCovariate` for covariates outside their ranges.
    public init(parameters: ParameterSet = ParameterSet(), covariates: Covariates? = nil,
                tspoKnockout: Bool = false, inputs: ZeroOrderInputs = ZeroOrderInputs()) throws(ModelError) {
        let species = parameters.species
        let c = covariates ?? Covariates(species: species)
        try c.validate(for: species)
        self.parameters = parameters
        self.covariates = c
        self.tspoKnockout = tspoKnockout
        self.inputs = inputs
        self.input = inputs.rates
        let p = parameters
        let human = species == .human
        let size = c.weight / species.referenceWeight
        let volumeScale = size, clearanceScale = pow(size, 0.75)
        let female = human && c.sex == .female
        // Covariate equations and their sources: `Covariates`.
        let v1 = p[.V1] * volumeScale
        let v2 = p[.V2] * volumeScale * (female ? 1.40 : 1)
            * (human ? c.peripheralVolumeAgeFactor(centralVolume: p[.V1], peripheralVolume: p[.V2]) : 1)
        let cl = p[.CL] * clearanceScale * (female ? 1.29 : 1)
            * (human ? c.clearanceAgeFactor * c.cypClearanceFactor : 1)
        let q = p[.Q] * clearanceScale
        let vNdz = p[.V_ndz] * volumeScale * (human ? c.nordazepamVolumeAgeFactor : 1)
        let vTmz = p[.V_tmz] * volumeScale, vOxz = p[.V_oxz] * volumeScale
        let clNdz = p[.CL_ndz] * clearanceScale * (human ? c.nordazepamClearanceAgeFactor * c.cypNordazepamClearanceFactor : 1)
        let clTmz = p[.CL_tmz] * clearanceScale, clOxz = p[.CL_oxz] * clearanceScale
        volumes = (v1, v2, vNdz, vTmz, vOxz)
        clearances = (cl, q, clNdz, clTmz, clOxz)
        bioavailability = p[.F]
        lagTime = p[.tlag]

        ka = p[.ka]
        k10 = cl / v1
        k12 = q / v1
        k21 = q / v2
        kNdz = clNdz / vNdz
        kTmz = clTmz / vTmz
        kOxz = clOxz / vOxz
        // Metabolite formation in mg of metabolite per mg of parent eliminated (molar conversion).
        formNdz = p[.fm_ndz] * k10 * MolarMass.nordazepam / MolarMass.diazepam
        formTmz = p[.fm_tmz] * k10 * MolarMass.temazepam / MolarMass.diazepam
        formOxzFromNdz = p[.fm_oxz_ndz] * kNdz * MolarMass.oxazepam / MolarMass.nordazepam
        formOxzFromTmz = p[.fm_oxz_tmz] * kTmz * MolarMass.oxazepam / MolarMass.temazepam

        let fuDz = min(0.5, p[.fu_dz] * (human ? c.unboundFractionAgeFactor : 1))
        unboundDz = fuDz * 1e6 / (MolarMass.diazepam * v1)
        unboundNdz = p[.fu_ndz] * 1e6 / (MolarMass.nordazepam * vNdz)
        unboundTmz = p[.fu_tmz] * 1e6 / (MolarMass.temazepam * vTmz)
        unboundOxz = p[.fu_oxz] * 1e6 / (MolarMass.oxazepam * vOxz)
        gDz = unboundDz / p[.Ki_gaba_dz]
        gNdz = unboundNdz / p[.Ki_gaba_ndz]
        gTmz = unboundTmz / p[.Ki_gaba_tmz]
        gOxz = unboundOxz / p[.Ki_gaba_oxz]
        // 1/∞ = 0: an infinite Ki (and the knockout) gives exactly no TSPO occupancy.
        tDz = tspoKnockout ? 0 : unboundDz / p[.Ki_tspo_dz]
        tNdz = tspoKnockout ? 0 : unboundNdz / p[.Ki_tspo_ndz]
        tTmz = tspoKnockout ? 0 : unboundTmz / p[.Ki_tspo_tmz]
        tOxz = tspoKnockout ? 0 : unboundOxz / p[.Ki_tspo_oxz]

        let s = species.pdRateScale
        kTspo = p[.k_tspo] * s
        tspoMaxUp = p[.tspo_max_up]
        kMgOn = p[.k_mg_on] * s
        kMgOff = p[.k_mg_off] * s
        kEngulf = p[.k_engulf] * s
        kSyn = p[.k_syn] * s
        emax = p[.Emax_gaba]
        kCoupRec = p[.k_coup_rec] * s
        kCoupLoss = p[.k_coup_loss] * s
        homeostasis = p[.h_homeo]
        kAmpa = p[.k_ampa] * s
        kNmda = p[.k_nmda] * s
        wAmpa = p[.w_ampa]
    }

    /// A copy with its own zero input rates (each simulation needs its own; see `ZeroOrderInputs`).
    public func withFreshInputs() -> DiazepamModel {
        // Re-resolving is cheap (a few dozen flops) and keeps one code path.
        try! DiazepamModel(parameters: parameters, covariates: covariates, tspoKnockout: tspoKnockout)
    }

    /// Number of states (12).
    public var dimension: Int { StateVariable.count }

    /// Sum of unbound concentration over Ki for GABA-A (`S_g`) and TSPO (`S_t`).
    @inlinable @inline(__always)
    func bindingSums(_ y: UnsafeBufferPointer<Double>) -> (gaba: Double, tspo: Double) {
        let central = y[1], ndz = y[3], tmz = y[4], oxz = y[5]
        return (gDz * central + gNdz * ndz + gTmz * tmz + gOxz * oxz,
                tDz * central + tNdz * ndz + tTmz * tmz + tOxz * oxz)
    }

    /// Always inlined into the solver's step: an out-of-line call would copy this large struct to
    /// the stack every time (a borrowed argument must not change during the call).
    @inlinable @inline(__always)
    public func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>,
                            into dy: UnsafeMutableBufferPointer<Double>) {
        let depot = y[0], central = y[1], peripheral = y[2], ndz = y[3], tmz = y[4], oxz = y[5]
        // PK (linear).
        dy[0] = -ka * depot + input[0]
        dy[1] = ka * depot - (k10 + k12) * central + k21 * peripheral + input[1]
        dy[2] = k12 * central - k21 * peripheral
        dy[3] = formNdz * central - kNdz * ndz
        dy[4] = formTmz * central - kTmz * tmz
        dy[5] = formOxzFromNdz * ndz + formOxzFromTmz * tmz - kOxz * oxz
        // Binding (quasi-steady state, unbound brain = unbound plasma).
        let (sg, st) = bindingSums(y)
        pdDerivatives(occGaba: sg / (1 + sg), occTspo: st / (1 + st),
                      pd: y.baseAddress! + 6, into: dy.baseAddress! + 6)
    }

    /// The analytic Jacobian (derivation in the comments; checked against finite differences in the tests).
    public var hasAnalyticJacobian: Bool { true }

    @inlinable
    public func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j.zero()
        let tspo = y[6], microglia = y[7], coupling = y[9]
        // Linear PK block.
        j[0, 0] = -ka
        j[1, 0] = ka; j[1, 1] = -(k10 + k12); j[1, 2] = k21
        j[2, 1] = k12; j[2, 2] = -k21
        j[3, 1] = formNdz; j[3, 3] = -kNdz
        j[4, 1] = formTmz; j[4, 4] = -kTmz
        j[5, 3] = formOxzFromNdz; j[5, 4] = formOxzFromTmz; j[5, 5] = -kOxz
        // occ = S/(1+S) ⇒ ∂occ/∂x_i = w_i/(1+S)² for the drug amounts x = (central, ndz, tmz, oxz).
        let (sg, st) = bindingSums(y)
        let occGaba = sg / (1 + sg), occTspo = st / (1 + st)
        let dg = 1 / ((1 + sg) * (1 + sg)), dt = 1 / ((1 + st) * (1 + st))
        drugColumn(j, 1, gaba: gDz * dg, tspo: tDz * dt, tspo, microglia, coupling)
        drugColumn(j, 3, gaba: gNdz * dg, tspo: tNdz * dt, tspo, microglia, coupling)
        drugColumn(j, 4, gaba: gTmz * dg, tspo: tTmz * dt, tspo, microglia, coupling)
        drugColumn(j, 5, gaba: gOxz * dg, tspo: tOxz * dt, tspo, microglia, coupling)
        pdJacobian(occGaba: occGaba, occTspo: occTspo, pd: y.baseAddress! + 6, into: j, offset: 6)
    }

    /// The PD rows' derivatives with respect to one drug amount, given ∂occ_gaba and ∂occ_tspo.
    @inlinable @inline(__always)
    func drugColumn(_ j: MatrixView, _ column: Int, gaba dOccGaba: Double, tspo dOccTspo: Double,
                    _ tspo: Double, _ microglia: Double, _ coupling: Double) {
        j[6, column] = kTspo * tspoMaxUp * dOccTspo
        j[7, column] = kMgOn * tspo * (1 - microglia) * dOccTspo
        j[9, column] = -kCoupLoss * coupling * dOccGaba
        j[10, column] = kAmpa * homeostasis * emax * coupling * dOccGaba
        j[11, column] = kNmda * homeostasis * emax * coupling * dOccGaba
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
