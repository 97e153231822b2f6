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
/// Human equations (reference: 70 kg, 30-year-old man, CYP2C19 normal metaboliser; every factor is
/// 1 there). Age enters as `a = min(max(age, 20), 90)`, the adult range of the studies below
/// (children are not modelled); `d = max(0, a − 30)` years past the reference.
/// - Size: volumes × (WT/70), clearances × (WT/70)^0.75 (standard allometry; MODEL.md).
/// - DZ clearance and age, `clearanceAgeFactor`: men × (1 − 0.0045·d), women × (1 − 0.0015·d).
///   Total clearance falls with age in men: 0.39 → 0.24 mL/min/kg (×0.62) young (21–37 y) vs
///   elderly (61–84 y) men, but 0.51 → 0.48 (×0.94) in women (Greenblatt et al., Clin Pharmacol
///   Ther 1980;27:301, "Diazepam disposition determinants"); Divoll et al. 1983 men 0.46 → 0.24,
///   women 0.35 → 0.29; Herman & Wilkinson (Br J Clin Pharmacol 1996;42:147) men 0.29 → 0.26; Klotz
///   et al. (J Clin Invest 1975;55:347) none. The male slope, ×0.80 at 75 y, is the steepest that
///   keeps Klotz's clearance range (20–32 mL/min up to 80 y; TARGETS.md P3); Greenblatt et al. (J
///   Clin Pharmacol 2021;61:193) find steady-state DZ and NDZ 30–35% higher in the elderly.
/// - DZ distribution and age, `peripheralVolumeAgeFactor`: the central volume V1 does not change (a
///   single dose's peak does not collapse); the distribution volume grows so that the terminal
///   half-life follows Klotz's fit t½(a) ≈ 20 + 1.17·(a − 20) h (20 h at 20 y, 90 h at 80 y; the
///   same rise as Greenblatt 2021's 31 vs 86 h young vs elderly): with t½ ∝ Vss/CL,
///   `Vss(a) = (V1 + V2) · t½(a)/t½(30) · clearanceAgeFactor` and `V2(a) = Vss(a) − V1` (floored at
///   0.2·V2). Vd rises with age in every study above (Herman 1996: 0.88 → 1.39 L/kg).
/// - DZ unbound fraction and age (Clin Sci 1980;59:479: 0.0137–0.0386 over 18–95 y):
///   `fu_dz × (1 + 0.018·(a − 30))`, within 0.5–3× the reference.
/// - NDZ and age, men only (`nordazepamClearanceAgeFactor`, `nordazepamVolumeAgeFactor`):
///   CL_ndz × (1 − 0.006·d), V_ndz × (1 + 0.0125·d), so at 69 vs 27 y clearance is ×0.77 and
///   t½ ×1.94 — Greenblatt 2021: NDZ t½ 40 vs 80 h young vs elderly, steady state 30–35% higher;
///   Shader, Greenblatt et al. (NDZ from clorazepate, 32 subjects, LITERATURE.md): t½ longer and
///   clearance lower with age in men, not in women. Women: no NDZ age effect.
/// - Sex (Ochs et al., Pharmacology 1981;23:24): young women vs young men, Vd 1.87 vs 1.34 L/kg and
///   CL 0.63 vs 0.49 mL/min/kg: female V2 × 1.40 (the extra volume is peripheral, so Cmax per kg
///   is not lowered) and CL × 1.29, on top of the age factors.
/// - CYP2C19 (Qin et al., Clin Pharmacol Ther 1999;66:642; Chinese men, 5 mg oral): DZ t½ 20.0 /
///   62.9 / 84.0 h and CL 19.5 / 7.2 / 2.8 mL/min for wt/wt, wt/m1, m1/m1; NDZ t½ 99.2 / 132.1 /
///   176.0 h. Genotype changes metabolism, not distribution, so volumes stay; with fixed volumes the
///   t½ ratio is about 1/(CL ratio), and Qin's two ratios cannot both hold (their PM figures imply a
///   V/F 0.6× the normal one). The model keeps Qin's half-life ratios (3.15, 4.2): DZ CL × 0.29 /
///   0.22 (`cypClearanceFactor`; Qin's CL ratios 0.37 / 0.144; other studies give smaller PM t½
///   ratios, 2.2 in white subjects (Bertilsson et al. 1989 via Zhang et al., Clin Pharmacol Ther
///   1990;48:496) and 2.9 in Chinese men (Br J Clin Pharmacol 1995, PMID 8904619)), and
///   CL_ndz × 0.75 / 0.565 (`cypNordazepamClearanceFactor`, NDZ t½ ratios 1.33 / 1.77 as Qin's).
/// Mouse: only body weight applies (relative to 30 g); the model rejects age, sex or phenotype
/// different from the reference (`validate(for:)`), because nothing would use them.
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
        // The mouse model has no age, sex or CYP2C19 equations: a value would be silently ignored.
        if species == .mouse {
            let reference = Covariates(species: .mouse)
            var ignored: [String] = []
            if age != reference.age { ignored.append("age = \(age) years") }
            if sex != reference.sex { ignored.append("sex = \(sex)") }
            if cyp2c19 != reference.cyp2c19 { ignored.append("cyp2c19 = \(cyp2c19)") }
            if !ignored.isEmpty {
                throw .invalidCovariate("\(ignored.joined(separator: ", ")) would have no effect on a mouse: the mouse "
                                        + "model scales by body weight only (its PK is a rat proxy without age, sex or "
                                        + "CYP2C19 data); remove \(ignored.count == 1 ? "it" : "them") or use species human")
            }
        }
    }

    /// Age used by the age equations (years): `age` within 20–90, the studies' adult range.
    public var effectiveAge: Double { min(max(age, 20), 90) }

    /// Years past the reference age of 30 (0 below it).
    var yearsPastReference: Double { max(0, effectiveAge - 30) }

    /// Klotz 1975's terminal half-life fit relative to 30 years: `(20 + 1.17·(a − 20)) / 31.7`.
    public var halfLifeAgeRatio: Double { (20 + 1.17 * (effectiveAge - 20)) / (20 + 1.17 * 10) }

    /// Factor on CL (DZ) for age: men 1 − 0.0045·d, women 1 − 0.0015·d (see the type documentation).
    public var clearanceAgeFactor: Double { 1 - (sex == .male ? 0.0045 : 0.0015) * yearsPastReference }

    /// Factor on V2 for age, given the reference central and peripheral volumes (L): the V2 that
    /// makes `V1 + V2` follow `halfLifeAgeRatio · clearanceAgeFactor` with V1 fixed (≥ 0.2).
    public func peripheralVolumeAgeFactor(centralVolume v1: Double, peripheralVolume v2: Double) -> Double {
        max(0.2, ((v1 + v2) * halfLifeAgeRatio * clearanceAgeFactor - v1) / v2)
    }

    /// Factor on CL_ndz for age: men 1 − 0.006·d, women 1.
    public var nordazepamClearanceAgeFactor: Double { sex == .male ? 1 - 0.006 * yearsPastReference : 1 }

    /// Factor on V_ndz for age: men 1 + 0.0125·d, women 1.
    public var nordazepamVolumeAgeFactor: Double { sex == .male ? 1 + 0.0125 * yearsPastReference : 1 }

    /// Factor on fu_dz for age (1 at 30 years).
    public var unboundFractionAgeFactor: Double { min(3, max(0.5, 1 + 0.018 * (effectiveAge - 30))) }

    /// Factor on CL (DZ) for the CYP2C19 phenotype.
    public var cypClearanceFactor: Double {
        switch cyp2c19 { case .normal: return 1; case .intermediate: return 0.29; case .poor: return 0.22 }
    }

    /// Factor on CL_ndz for the CYP2C19 phenotype.
    public var cypNordazepamClearanceFactor: Double {
        switch cyp2c19 { case .normal: return 1; case .intermediate: return 0.75; case .poor: return 0.565 }
    }
}
