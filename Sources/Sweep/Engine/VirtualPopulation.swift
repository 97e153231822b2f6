import Foundation
import Pharmacology

/// How the covariates of virtual subjects are distributed. A covariate left `nil` is not
/// sampled: every subject keeps the base scenario's value (and the plan has no column for it).
public struct CovariateDistributions: Sendable, Equatable {
    /// Distribution of age (years).
    public enum Age: Sendable, Equatable {
        /// Normal with `mean` and `sd`, truncated to `range` (by rejection).
        case normal(mean: Double, sd: Double, range: ClosedRange<Double>)
        /// Uniform over `range`.
        case uniform(ClosedRange<Double>)
    }

    /// Log-normal body weight (kg): `median · exp(σ·z)`, z ~ N(0, 1), σ² = ln(1 + CV²), truncated to
    /// `range` (by rejection). `cv` is the coefficient of variation as a fraction (0.2 = 20%).
    public struct Weight: Sendable, Equatable {
        /// Median weight (kg).
        public var median: Double
        /// Coefficient of variation (fraction).
        public var cv: Double
        /// Truncation range (kg).
        public var range: ClosedRange<Double>

        /// Creates a weight distribution.
        public init(median: Double, cv: Double, range: ClosedRange<Double>) {
            self.median = median
            self.cv = cv
            self.range = range
        }
    }

    /// CYP2C19 phenotype frequencies; they must sum to 1.
    public struct CYP2C19Frequencies: Sendable, Equatable {
        /// Frequency of normal metabolisers.
        public var normal: Double
        /// Frequency of intermediate metabolisers.
        public var intermediate: Double
        /// Frequency of poor metabolisers.
        public var poor: Double

        /// Creates phenotype frequencies.
        public init(normal: Double, intermediate: Double, poor: Double) {
            self.normal = normal
            self.intermediate = intermediate
            self.poor = poor
        }
    }

    /// Age distribution, or `nil` for the base scenario's age.
    public var age: Age?
    /// Weight distribution, or `nil` for the base scenario's weight.
    public var weight: Weight?
    /// Probability that a subject is female, or `nil` for the base scenario's sex.
    public var femaleFraction: Double?
    /// CYP2C19 phenotype frequencies, or `nil` for the base scenario's phenotype.
    public var cyp2c19: CYP2C19Frequencies?

    /// Creates covariate distributions (all `nil` by default: no covariate varies).
    public init(age: Age? = nil, weight: Weight? = nil, femaleFraction: Double? = nil, cyp2c19: CYP2C19Frequencies? = nil) {
        self.age = age
        self.weight = weight
        self.femaleFraction = femaleFraction
        self.cyp2c19 = cyp2c19
    }

    /// Checks every distribution; the error names the covariate, the value and what is expected.
    public func validate() throws(InputError) {
        func fail(_ field: String, _ message: String) -> InputError { InputError(.data, field: field, message) }
        switch age {
        case .normal(let mean, let sd, let range)?:
            guard mean.isFinite, sd.isFinite, sd >= 0 else {
                throw fail("age", "normal(mean \(mean), sd \(sd)): expected a finite mean and sd ≥ 0")
            }
            guard range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw fail("age", "range \(range): expected finite bounds")
            }
            // Rejection sampling must accept often enough.
            let p = sd == 0 ? (range.contains(mean) ? 1 : 0)
                : Self.normalProbability(range, mean: mean, sd: sd)
            guard p >= 1e-3 else {
                throw fail("age", "range \(range.lowerBound)...\(range.upperBound) holds \(p) of normal(mean \(mean), sd \(sd)): expected a range that holds at least 0.1% of the distribution")
            }
        case .uniform(let range)?:
            guard range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw fail("age", "range \(range): expected finite bounds")
            }
        case nil: break
        }
        if let w = weight {
            guard w.median.isFinite, w.median > 0, w.cv.isFinite, w.cv >= 0 else {
                throw fail("weight", "log-normal(median \(w.median) kg, CV \(w.cv)): expected a median > 0 and CV ≥ 0")
            }
            guard w.range.lowerBound > 0, w.range.upperBound.isFinite else {
                throw fail("weight", "range \(w.range): expected finite bounds > 0 kg")
            }
            let sigma = (log(1 + w.cv * w.cv)).squareRoot()
            let logRange = log(w.range.lowerBound)...log(w.range.upperBound)
            let p = sigma == 0 ? (w.range.contains(w.median) ? 1 : 0)
                : Self.normalProbability(logRange, mean: log(w.median), sd: sigma)
            guard p >= 1e-3 else {
                throw fail("weight", "range \(w.range.lowerBound)...\(w.range.upperBound) kg holds \(p) of the distribution: expected at least 0.1%")
            }
        }
        if let f = femaleFraction {
            guard f.isFinite, (0...1).contains(f) else { throw fail("sex", "female fraction \(f): expected a number in 0...1") }
        }
        if let c = cyp2c19 {
            let all = [c.normal, c.intermediate, c.poor]
            guard all.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
                throw fail("cyp2c19", "frequencies \(c.normal), \(c.intermediate), \(c.poor): expected numbers in 0...1")
            }
            let sum = c.normal + c.intermediate + c.poor
            guard abs(sum - 1) <= 1e-6 else {
                throw fail("cyp2c19", "frequencies normal \(c.normal) + intermediate \(c.intermediate) + poor \(c.poor) = \(sum): expected them to sum to 1")
            }
        }
    }

    /// P(X ∈ range) for X ~ N(mean, sd²), sd > 0.
    static func normalProbability(_ range: ClosedRange<Double>, mean: Double, sd: Double) -> Double {
        func cdf(_ x: Double) -> Double { 0.5 * erfc(-(x - mean) / (sd * 2.0.squareRoot())) }
        return cdf(range.upperBound) - cdf(range.lowerBound)
    }
}

/// A virtual population: between-subject variability on named parameters and random covariates,
/// each subject drawn from its own random stream, so subject `i` is the same whether it is
/// generated alone, in a batch, in any shard or on any thread.
///
/// For subject `i` every sampled quantity has its own stream keyed by
/// `(seed, i, SubjectRandomStream.key(name))`, so adding or removing a varied parameter or a
/// covariate leaves the others' values unchanged. Parameters are log-normal:
/// θᵢ = θ · exp(ηᵢ), ηᵢ ~ N(0, ω²), ω being the standard deviation of η on the log scale
/// (≈ the CV for small ω).
///
/// Assignments of a subject, in order: the varied parameters (as given), then `age` (years),
/// `weight` (kg), `sex` (`male`/`female`), `cyp2c19` (`normal`/`intermediate`/`poor`) for the
/// covariates that have a distribution.
public struct VirtualPopulation: Sendable {
    /// The seed.
    public let seed: UInt64
    /// Varied parameters: name, typical value θ and ω.
    public let variability: [(parameter: String, typicalValue: Double, omega: Double)]
    /// Covariate distributions.
    public let covariates: CovariateDistributions

    /// Creates a population description.
    /// - Throws: `InputError` for a repeated parameter, a non-finite typical value, ω < 0 or
    ///   non-finite, or invalid covariate distributions.
    public init(seed: UInt64, variability: [(parameter: String, typicalValue: Double, omega: Double)],
                covariates: CovariateDistributions = CovariateDistributions()) throws(InputError) {
        try SweepPlan.checkUnique(variability.map(\.parameter))
        for v in variability {
            guard v.typicalValue.isFinite else {
                throw InputError(.data, field: v.parameter, "typical value \(v.typicalValue): expected a finite number")
            }
            guard v.omega.isFinite, v.omega >= 0 else {
                throw InputError(.data, field: v.parameter, "omega = \(v.omega): expected a standard deviation of η ≥ 0")
            }
        }
        try covariates.validate()
        self.seed = seed
        self.variability = variability
        self.covariates = covariates
    }

    /// The random stream of one quantity of one subject.
    func stream(_ subject: Int, _ name: String) -> SubjectRandomStream {
        SubjectRandomStream(seed: seed, subject: subject, stream: SubjectRandomStream.key(name))
    }

    /// η of `parameter` for subject `index` (N(0, ω²)); exposed so tests and users can check the
    /// distribution.
    public func eta(subject index: Int, parameter: String, omega: Double) -> Double {
        var random = stream(index, "eta:" + parameter)
        return omega * random.nextNormal()
    }

    /// Subject `index` (0-based) with id `"\(index + 1)"`.
    public func subject(_ index: Int) -> RunSpec {
        var assignments: [Assignment] = []
        assignments.reserveCapacity(variability.count + 4)
        for v in variability {
            let eta = eta(subject: index, parameter: v.parameter, omega: v.omega)
            assignments.append(Assignment(v.parameter, .number(v.typicalValue * exp(eta))))
        }
        if let age = covariates.age {
            var random = stream(index, "age")
            switch age {
            case .normal(let mean, let sd, let range):
                assignments.append(Assignment("age", .number(Self.truncated(range, fallback: mean, &random) { mean + sd * $0.nextNormal() })))
            case .uniform(let range):
                let u = random.nextUniform()
                assignments.append(Assignment("age", .number(range.lowerBound + u * (range.upperBound - range.lowerBound))))
            }
        }
        if let w = covariates.weight {
            var random = stream(index, "weight")
            let sigma = (log(1 + w.cv * w.cv)).squareRoot()
            assignments.append(Assignment("weight", .number(Self.truncated(w.range, fallback: w.median, &random) {
                w.median * exp(sigma * $0.nextNormal())
            })))
        }
        if let f = covariates.femaleFraction {
            var random = stream(index, "sex")
            let sex: Sex = random.nextUniform() < f ? .female : .male
            assignments.append(Assignment("sex", .text(sex.rawValue)))
        }
        if let c = covariates.cyp2c19 {
            var random = stream(index, "cyp2c19")
            let u = random.nextUniform()
            let phenotype: CYP2C19Phenotype = u < c.normal ? .normal : u < c.normal + c.intermediate ? .intermediate : .poor
            assignments.append(Assignment("cyp2c19", .text(phenotype.rawValue)))
        }
        return RunSpec(index: index, id: String(index + 1), assignments: assignments)
    }

    /// Subjects `0 ..< count`, each made when it is read.
    public func subjects(count: Int) -> RunPlan {
        RunPlan(count: count, assignmentNames: assignmentNames) { subject($0) }
    }

    /// The names every subject assigns, in order (see the type's description).
    public var assignmentNames: [String] {
        variability.map(\.parameter)
            + [covariates.age.map { _ in "age" }, covariates.weight.map { _ in "weight" },
               covariates.femaleFraction.map { _ in "sex" }, covariates.cyp2c19.map { _ in "cyp2c19" }].compactMap { $0 }
    }

    /// A draw of `sample` conditioned on `range`, by rejection; `validate()` guarantees an
    /// acceptance rate ≥ 0.1%, and after 100,000 rejections (probability < e⁻¹⁰⁰) the value is
    /// clamped so generation always ends.
    static func truncated(_ range: ClosedRange<Double>, fallback: Double, _ random: inout SubjectRandomStream,
                          _ sample: (inout SubjectRandomStream) -> Double) -> Double {
        for _ in 0..<100_000 {
            let x = sample(&random)
            if range.contains(x) { return x }
        }
        return min(range.upperBound, max(range.lowerBound, fallback))
    }
}

extension SweepPlan {
    /// `count` virtual subjects (see `VirtualPopulation`): log-normal variability
    /// θᵢ = θ · exp(ηᵢ), ηᵢ ~ N(0, ω²) on each named parameter, and covariates drawn from
    /// `covariates`, every subject from streams keyed by `(seed, subject index)`.
    /// - Throws: `InputError` for a negative count or invalid distributions.
    public static func population(count: Int, seed: UInt64,
                                  variability: [(parameter: String, typicalValue: Double, omega: Double)],
                                  covariates: CovariateDistributions = CovariateDistributions()) throws(InputError) -> RunPlan {
        guard count >= 0 else { throw InputError(.data, field: "count", "count = \(count): expected a number of subjects ≥ 0") }
        return try VirtualPopulation(seed: seed, variability: variability, covariates: covariates).subjects(count: count)
    }
}
