import Pharmacology
import Testing

/// Parameter values the model's arithmetic cannot use (`ParameterSet.checkRepresentable`) are
/// refused for typical and individual values alike; 0 (not a divisor) and ∞ (an affinity) stay.
@Suite struct ParameterRepresentableTests {
    static let low = 0x1p-511, high = 0x1p511

    /// The claim the bound rests on, checked on the doubles themselves: a product or quotient of
    /// two values within the bounds is a normal, finite double (the extremes reach 2^±1022
    /// exactly, 2^-1022 being the smallest normal double); a factor of 2 past them, not always.
    @Test func productsAndQuotientsWithinTheBoundsAreNormal() {
        for x in [Self.low * Self.low, Self.high * Self.high, Self.low / Self.high, Self.high / Self.low, Self.low * Self.high] {
            #expect(x.isNormal && x.isFinite, "\(x)")
        }
        #expect(Self.low * Self.low == Double.leastNormalMagnitude)
        #expect(Self.low / Self.high == Double.leastNormalMagnitude)
        #expect(!((Self.low / 2) * (Self.low / 2)).isNormal)     // subnormal: precision lost
        #expect(!((Self.low / 2) / Self.high).isNormal)
        #expect(!((Self.high * 2) * (Self.high * 2)).isFinite)   // overflow
        #expect(!((Self.high * 2) / (Self.low / 2)).isFinite)
    }

    @Test func boundsAreInclusiveForTypicalAndIndividualValues() throws {
        var set = ParameterSet()
        for value in [Self.low, Self.high] {
            try set.setIndividual(.V1, to: value)
            #expect(set[.V1] == value)
        }
        for value in [Self.low.nextDown, Self.high.nextUp, 1e-300, 0, .infinity] {
            #expect(throws: ModelError.parameterNotRepresentable(name: "V1", value: value, unit: "L", zeroAllowed: false, infinityAllowed: false)) {
                try set.setIndividual(.V1, to: value)
            }
            // The same message without --allow-outside-range: not "outside its plausible range".
            #expect(throws: ModelError.parameterNotRepresentable(name: "V1", value: value, unit: "L", zeroAllowed: false, infinityAllowed: false)) {
                try set.set(.V1, to: value)
            }
        }
        #expect(set[.V1] == Self.high)   // unchanged by the refusals
    }

    @Test func exactZeroAndInfinityWhereTheyMeanSomething() throws {
        var set = ParameterSet()
        try set.setIndividual(.CL, to: 0)             // no elimination
        try set.setIndividual(.ka, to: 0)             // no absorption
        try set.setIndividual(.Ki_gaba_dz, to: .infinity)   // no GABA-A binding: 1/∞ = 0
        try set.set(.Ki_tspo_dz, to: .infinity)       // inside its plausible range 0.1–∞
        #expect(throws: ModelError.parameterNotRepresentable(name: "CL", value: 1e-200, unit: "L/h", zeroAllowed: true, infinityAllowed: false)) {
            try set.setIndividual(.CL, to: 1e-200)
        }
        #expect(throws: ModelError.parameterNotRepresentable(name: "CL", value: .infinity, unit: "L/h", zeroAllowed: true, infinityAllowed: false)) {
            try set.setIndividual(.CL, to: .infinity)
        }
        #expect(throws: ModelError.parameterNotRepresentable(name: "Ki_gaba_dz", value: 0, unit: "nM", zeroAllowed: false, infinityAllowed: true)) {
            try set.setIndividual(.Ki_gaba_dz, to: 0)
        }
        #expect(throws: ModelError.parameterNotRepresentable(name: "Ki_tspo_dz", value: 1e300, unit: "nM", zeroAllowed: false, infinityAllowed: true)) {
            try set.set(.Ki_tspo_dz, to: 1e300)   // inside the plausible range, but use inf
        }
        // Negative values and NaN keep their physical-bound errors.
        #expect(throws: ModelError.parameterOutOfRange(name: "CL", value: -1, range: 0...Double.infinity, unit: "L/h")) {
            try set.setIndividual(.CL, to: -1)
        }
    }

    @Test func messageNamesTheParameterTheValueAndTheRange() {
        let error = ModelError.parameterNotRepresentable(name: "V1", value: 1e-300, unit: "L", zeroAllowed: false, infinityAllowed: false)
        #expect(error.description.hasPrefix("parameter V1 = 1e-300 L is outside 2^-511 ≈ 1.5e-154 to 2^511 ≈ 6.7e153 L, "))
        #expect(!error.description.contains("plausible"))
        let rate = ModelError.parameterNotRepresentable(name: "CL", value: 1e-200, unit: "L/h", zeroAllowed: true, infinityAllowed: false)
        #expect(rate.description.hasSuffix("; exactly 0 is accepted (no such process)"))
    }
}
