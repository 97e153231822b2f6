/// Everything MODEL.md lists as an output at one time point, computed from the state.
public struct DerivedOutputs: Sendable, Equatable {
    /// Plasma concentrations (ng/mL) of DZ, NDZ, TMZ, OXZ.
    public var plasma: (dz: Double, ndz: Double, tmz: Double, oxz: Double)
    /// Unbound (= brain, MODEL.md) molar concentrations (nM) of DZ, NDZ, TMZ, OXZ.
    public var unbound: (dz: Double, ndz: Double, tmz: Double, oxz: Double)
    /// Occupancy of the GABA-A benzodiazepine site (0–1).
    public var occupancyGaba: Double
    /// Occupancy of TSPO (0–1).
    public var occupancyTspo: Double
    /// Inhibition I = 1 + Emax · gaba_coupling · occ_gaba (baseline 1).
    public var inhibition: Double
    /// Excitability X = E / I (baseline 1).
    public var excitability: Double
    /// max(0, 1 − X).
    public var anxiolysis: Double
    /// max(0, X − 1): rebound hyperexcitability.
    public var withdrawal: Double

    /// Memberwise; usable from `DiazepamModel.outputs(at:)`, which is inlined into other modules.
    @usableFromInline
    init(plasma: (dz: Double, ndz: Double, tmz: Double, oxz: Double), unbound: (dz: Double, ndz: Double, tmz: Double, oxz: Double),
         occupancyGaba: Double, occupancyTspo: Double, inhibition: Double, excitability: Double,
         anxiolysis: Double, withdrawal: Double) {
        self.plasma = plasma
        self.unbound = unbound
        self.occupancyGaba = occupancyGaba
        self.occupancyTspo = occupancyTspo
        self.inhibition = inhibition
        self.excitability = excitability
        self.anxiolysis = anxiolysis
        self.withdrawal = withdrawal
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.plasma == b.plasma && a.unbound == b.unbound && a.occupancyGaba == b.occupancyGaba
            && a.occupancyTspo == b.occupancyTspo && a.inhibition == b.inhibition
            && a.excitability == b.excitability && a.anxiolysis == b.anxiolysis && a.withdrawal == b.withdrawal
    }
}

extension DiazepamModel {
    /// The derived outputs at state `y` (12 values in `StateVariable` order). Amounts are
    /// non-negative; a solver's round-off just below zero (far below the tolerance) reads as 0.
    /// Inlinable, so that callers in other modules (trajectory writers, finiteness checks) get it
    /// specialised for their collection instead of through generic witness tables.
    @inlinable @inline(__always)
    public func outputs<C: RandomAccessCollection>(at y: C) -> DerivedOutputs where C.Element == Double, C.Index == Int {
        let b = y.startIndex
        let central = max(0, y[b + 1]), ndz = max(0, y[b + 3]), tmz = max(0, y[b + 4]), oxz = max(0, y[b + 5])
        let coupling = y[b + 9], ampa = y[b + 10], nmda = y[b + 11]
        let sg = gDz * central + gNdz * ndz + gTmz * tmz + gOxz * oxz
        let st = tDz * central + tNdz * ndz + tTmz * tmz + tOxz * oxz
        let occGaba = sg / (1 + sg), occTspo = st / (1 + st)
        let inhibition = 1 + emax * coupling * occGaba
        let excitation = wAmpa * ampa + (1 - wAmpa) * nmda
        let x = excitation / inhibition
        // mg/L × 1000 = ng/mL.
        return DerivedOutputs(
            plasma: (central / volumes.central * 1000, ndz / volumes.ndz * 1000,
                     tmz / volumes.tmz * 1000, oxz / volumes.oxz * 1000),
            unbound: (unboundDz * central, unboundNdz * ndz, unboundTmz * tmz, unboundOxz * oxz),
            occupancyGaba: occGaba, occupancyTspo: occTspo,
            inhibition: inhibition, excitability: x,
            anxiolysis: max(0, 1 - x), withdrawal: max(0, x - 1))
    }
}
