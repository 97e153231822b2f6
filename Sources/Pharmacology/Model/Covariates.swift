/// CYP2C19 metaboliser phenotype.
public enum CYP2C19Phenotype: String, CaseIterable, Sendable {
    /// Normal (extensive) metaboliser, wt/wt.
    case normal
    /// Intermediate metaboliser, wt/m1.
    case intermediate
    /// Poor metaboliser, m1/m1.
    case poor
}

/// Sex of the subject.
public enum Sex: String, CaseIterable, Sendable {
    /// Male (the reference).
    case male
    /// Female.
    case female
}

/// Subject covariates and the equations that turn reference parameters into a subject's.
///
/// Human equations (each reproduces a calibration target; see the tests):
/// - Size: volumes × (WT/70), clearances × (WT/70)^0.75 (standard allometry; MODEL.md).
/// - Age (Klotz et al., J Clin Invest 1975): clearance does not change; V1 and V2 grow with age so
///   that the terminal half-life follows Klotz's fit t½ ≈ 20 + 1.17·(age − 20) h:
///   both volumes × `ageVolumeFactor = (20 + 1.17·(age − 20)) / (20 + 1.17·10)`, 1 at 30 years
///   (floored at 0.4). The DZ unbound fraction rises with age (0.0137–0.0386 over 18–95 y,
///   Clin Sci 1980;59:479): `fu_dz × (1 + 0.018·(age − 30))`, within 0.5–3× the reference.
/// - Sex (Ochs et al., Pharmacology 1981): young women vs young men, Vd 1.87 vs 1.34 L/kg and
///   CL 0.63 vs 0.49 mL/min/kg: female V2 × 1.40 (the extra volume is peripheral, so Cmax per kg
///   is not lowered) and CL × 1.29.
/// - CYP2C19 (Qin et al., Clin Pharmacol Ther 1999): DZ CL 19.5 / 7.2 / 2.8 mL/min and NDZ t½
///   99 / 132 / 176 h for wt/wt, wt/m1, m1/m1: CL × 1, 0.37, 0.144 and CL_ndz × 1, 0.75, 0.565.
/// Mouse: only body weight applies (relative to 30 g); age, sex and phenotype are ignored.
public struct Covariates: Sendable, Equatable {
    /// Body weight (kg).
    public var weight: Double
    /// Age (years).
    public var age: Double
    /// Sex.
    public var sex: Sex
    /// CYP2C19 phenotype.
    public var cyp2c19: CYP2C19Phenotype

    /// The reference subject of a species (70 kg 30-year-old man, normal metaboliser; or a 30 g mouse).
    public init(species: Species = .human) {
        weight = species.referenceWeight
        age = 30
        sex = .male
        cyp2c19 = .normal
    }

    /// A subject with the given covariates.
    public init(weight: Double, age: Double = 30, sex: Sex = .male, cyp2c19: CYP2C19Phenotype = .normal) {
        self.weight = weight
        self.age = age
        self.sex = sex
        self.cyp2c19 = cyp2c19
    }

    /// Checks the covariates for a species; the message names the field, the value and the range.
    public func validate(for species: Species) throws(ModelError) {
        let weights: ClosedRange<Double> = species == .human ? 20...250 : 0.01...0.1
        guard weight.isFinite, weights.contains(weight) else {
            throw .invalidCovariate("weight = \(weight) kg is outside \(weights.lowerBound)–\(weights.upperBound) kg for a \(species)")
        }
        guard age.isFinite, (0...110).contains(age) else {
            throw .invalidCovariate("age = \(age) years is outside 0–110")
        }
    }

    /// `ageVolumeFactor` of the type documentation (1 at 30 years).
    public var ageVolumeFactor: Double { max(0.4, (20 + 1.17 * (age - 20)) / (20 + 1.17 * 10)) }

    /// Factor on fu_dz for age (1 at 30 years).
    public var unboundFractionAgeFactor: Double { min(3, max(0.5, 1 + 0.018 * (age - 30))) }

    /// Factor on CL (DZ) for the CYP2C19 phenotype.
    public var cypClearanceFactor: Double {
        switch cyp2c19 { case .normal: return 1; case .intermediate: return 0.37; case .poor: return 0.144 }
    }

    /// Factor on CL_ndz for the CYP2C19 phenotype.
    public var cypNordazepamClearanceFactor: Double {
        switch cyp2c19 { case .normal: return 1; case .intermediate: return 0.75; case .poor: return 0.565 }
    }
}
