extension ParameterSet {
    /// The magnitudes a parameter value may have for the model's arithmetic to keep full
    /// precision: 2⁻⁵¹¹ … 2⁵¹¹ (≈ 1.5e-154 … 6.7e153), in the parameter's unit.
    ///
    /// Why this bound: every derived constant of `DiazepamModel` is a product or quotient of two
    /// such values (times factors of order 1 to 1e6: covariate scales, molar masses, mg → nM):
    /// rate constants CL/V1, Q/V1, Q/V2, unbound concentrations fu·1e6/(MW·V), binding weights
    /// (fu/V)/Ki, and each of them times an amount. With both factors in 2⁻⁵¹¹ … 2⁵¹¹, a product or
    /// quotient lies in 2⁻¹⁰²² … 2¹⁰²², inside the normal doubles (2⁻¹⁰²² is the smallest): nothing
    /// overflows, and nothing falls into the subnormals, where precision is lost bit by bit. (The
    /// same square-root-of-the-range reasoning as Blue's thresholds for safe scaling, whose small
    /// one is this 2⁻⁵¹¹: Anderson, "Algorithm 978: Safe scaling in the Level 1 BLAS", ACM TOMS
    /// 44(1), 2017, doi:10.1145/3061665.) Past it the model degrades, then fails: over six months
    /// of 10 mg/day, V1 = 1e-50 … 1e-290 L give the same Cmax to 1e-15 (the V1 → 0 limit, which
    /// is F·ka·D/(CL + Q) after one dose), 1e-300 L 1e-10 off, 1e-305 L 0.5% off, 1e-308 L no
    /// result. The bound applies to typical and individual values alike: it is about double
    /// precision, not physiology (the plausible range is).
    public static let representableMagnitudes: ClosedRange<Double> = 0x1p-511...0x1p511

    /// Checks that `value` of `parameter` is one the model's arithmetic can use: a magnitude in
    /// `representableMagnitudes`, or exactly 0 for a parameter the model does not divide by (a
    /// clearance, rate, fraction or lag time: no such process), or exactly ∞ for an affinity Ki
    /// (1/∞ = 0: no binding). Volumes (L) and affinities (nM) are divisors: 0 is refused.
    /// NaN and negative values are left to the range checks of `set` and `setIndividual`.
    /// - Throws: `ModelError.parameterNotRepresentable`.
    public static func checkRepresentable(_ parameter: ParameterName, _ value: Double) throws(ModelError) {
        let definition = parameter.definition
        let affinity = definition.unit == "nM"
        let divisor = affinity || definition.unit == "L"
        if value.isNaN || value < 0 || representableMagnitudes.contains(value) { return }
        if value == 0 && !divisor { return }
        if value == .infinity && affinity { return }
        throw .parameterNotRepresentable(name: definition.name, value: value, unit: definition.unit,
                                         zeroAllowed: !divisor, infinityAllowed: affinity)
    }
}
