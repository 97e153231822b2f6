/// The generic stepper for every `ExplicitRKMethod`: one implementation, specialised by the
/// compiler for each system and tableau.
///
/// All buffers are allocated in `init`; `attemptStep`, `interpolant` and `acceptStep` do not
/// allocate. Zero coefficients of `a` are dropped at construction, so sparse tableaus such as
/// DOP853's cost only their non-zero terms.
///
/// Mutable stored properties are `@exclusivity(unchecked)`: an instance is used by one thread and
/// never hands out overlapping `inout` accesses, and the runtime checks cost 20–30% of a step on small
/// systems (Van der Pol with Rodas5P: 2.18 → 1.52 ms, `Benchmarks/ComparisonRunner`).
public final class ExplicitRKStepper<System: ODESystem, Method: ExplicitRKMethod>: ODEStepper {
    /// The system.
    public let system: System
    @usableFromInline let n: Int
    @usableFromInline let stepStages: Int
    @usableFromInline let totalStages: Int
    @usableFromInline let isFSAL: Bool
    @usableFromInline let degree: Int
    /// Nodes `c` of every stage.
    @usableFromInline let nodes: UnsafeMutablePointer<Double>
    /// Non-zero entries of `a` by row: row `s` spans `rowStart[s] ..< rowStart[s + 1]`.
    @usableFromInline let rowStart: UnsafeMutablePointer<Int>
    @usableFromInline let column: UnsafeMutablePointer<Int>
    @usableFromInline let coefficient: UnsafeMutablePointer<Double>
    /// `b` (non-FSAL tableaus only use it; FSAL ones get `y_new` from the last stage row).
    @usableFromInline let weights: UnsafeMutablePointer<Double>
    @usableFromInline let errorWeights: UnsafeMutablePointer<Double>
    @usableFromInline let secondaryErrorWeights: UnsafeMutablePointer<Double>?
    /// Non-zero interpolation weights by power: `θ^p` (p = 1…degree) spans
    /// `interpolationStart[p - 1] ..< interpolationStart[p]` of `interpolationStage`/`interpolationWeight`.
    @usableFromInline let interpolationStart: UnsafeMutablePointer<Int>
    @usableFromInline let interpolationStage: UnsafeMutablePointer<Int>
    @usableFromInline let interpolationWeight: UnsafeMutablePointer<Double>
    /// `h ·` each interpolation weight, for the step being interpolated.
    @usableFromInline let scaledInterpolationWeight: UnsafeMutablePointer<Double>
    /// Stage derivatives, `k[s * n + i]`.
    @usableFromInline let k: UnsafeMutablePointer<Double>
    @usableFromInline let stageState: UnsafeMutablePointer<Double>
    @usableFromInline let sum: UnsafeMutablePointer<Double>
    @usableFromInline let errorEstimate: UnsafeMutablePointer<Double>
    @usableFromInline let secondaryEstimate: UnsafeMutablePointer<Double>
    @usableFromInline let norm: WeightedNorm
    @exclusivity(unchecked) @usableFromInline var controller: PIController
    @exclusivity(unchecked) @usableFromInline var extraStagesDone = false
    /// End of the last attempted step, for tableaus without FSAL (they evaluate `f` there on acceptance).
    @exclusivity(unchecked) @usableFromInline var attemptStart = 0.0
    @exclusivity(unchecked) @usableFromInline var attemptEnd = 0.0
    @exclusivity(unchecked) @usableFromInline var attemptState: UnsafePointer<Double>? = nil
    @usableFromInline let adaptive: Bool
    @exclusivity(unchecked) public var statistics = SolverStatistics()

    /// A stepper for `system` with the tolerances of `options`.
    public init(system: System, options: SolverOptions) {
        let tableau = Method.tableau
        self.system = system
        n = system.dimension
        stepStages = tableau.stageCount
        totalStages = tableau.c.count
        isFSAL = tableau.isFSAL
        degree = tableau.interpolantDegree
        adaptive = options.adaptive
        nodes = .allocate(capacity: totalStages)
        nodes.initialize(from: tableau.c, count: totalStages)
        let nonZeros = tableau.a.flatMap { row in row.enumerated().filter { $0.element != 0 } }
        rowStart = .allocate(capacity: totalStages + 1)
        column = .allocate(capacity: max(nonZeros.count, 1))
        coefficient = .allocate(capacity: max(nonZeros.count, 1))
        var entry = 0
        for (s, row) in tableau.a.enumerated() {
            rowStart[s] = entry
            for (j, value) in row.enumerated() where value != 0 {
                column[entry] = j
                coefficient[entry] = value
                entry += 1
            }
        }
        rowStart[totalStages] = entry
        weights = .allocate(capacity: stepStages)
        weights.initialize(from: tableau.b, count: stepStages)
        errorWeights = .allocate(capacity: stepStages)
        errorWeights.initialize(from: tableau.errorWeights, count: stepStages)
        if let e2 = tableau.secondaryErrorWeights {
            secondaryErrorWeights = .allocate(capacity: stepStages)
            secondaryErrorWeights!.initialize(from: e2, count: stepStages)
        } else {
            secondaryErrorWeights = nil
        }
        let degree = tableau.interpolantDegree, totalStages = tableau.c.count
        let interpolationEntries = (0..<degree).map { p in
            (0..<totalStages).compactMap { s in tableau.interpolation[s][p] != 0 ? (s, tableau.interpolation[s][p]) : nil }
        }
        let interpolationCount = max(interpolationEntries.reduce(0) { $0 + $1.count }, 1)
        interpolationStart = .allocate(capacity: degree + 1)
        interpolationStage = .allocate(capacity: interpolationCount)
        interpolationWeight = .allocate(capacity: interpolationCount)
        scaledInterpolationWeight = .allocate(capacity: interpolationCount)
        scaledInterpolationWeight.initialize(repeating: 0, count: interpolationCount)
        var next = 0
        for (p, entries) in interpolationEntries.enumerated() {
            interpolationStart[p] = next
            for (s, w) in entries {
                interpolationStage[next] = s
                interpolationWeight[next] = w
                next += 1
            }
        }
        interpolationStart[degree] = next
        let width = max(n, 1)
        k = .allocate(capacity: totalStages * width)
        k.initialize(repeating: 0, count: totalStages * width)
        stageState = .allocate(capacity: width)
        sum = .allocate(capacity: width)
        errorEstimate = .allocate(capacity: width)
        secondaryEstimate = .allocate(capacity: width)
        norm = WeightedNorm(dimension: n, rtol: options.rtol, atol: options.atol)
        controller = PIController(estimatorOrder: tableau.estimatorOrder, parameters: tableau.controller)
    }

    deinit {
        nodes.deallocate(); rowStart.deallocate(); column.deallocate(); coefficient.deallocate()
        weights.deallocate(); errorWeights.deallocate(); secondaryErrorWeights?.deallocate()
        interpolationStart.deallocate(); interpolationStage.deallocate(); interpolationWeight.deallocate()
        scaledInterpolationWeight.deallocate(); k.deallocate(); stageState.deallocate(); sum.deallocate()
        errorEstimate.deallocate(); secondaryEstimate.deallocate()
    }

    public var order: Int { Method.tableau.order }
    public var interpolantDegree: Int { degree }
    @inlinable public var startDerivative: UnsafePointer<Double> { UnsafePointer(k) }

    @inlinable
    public func restart(t: Double, state y: UnsafePointer<Double>) {
        evaluate(t, y, into: k)
        controller.reset()
    }

    /// `f(t, y)` into `dy`, counted.
    @inlinable @inline(__always)
    func evaluate(_ t: Double, _ y: UnsafePointer<Double>, into dy: UnsafeMutablePointer<Double>) {
        system.derivatives(at: t, state: UnsafeBufferPointer(start: y, count: n),
                           into: UnsafeMutableBufferPointer(start: dy, count: n))
        statistics.rhsEvaluations &+= 1
    }

    /// `destination = y + h Σ_j a[s][j] K_j` over the non-zero entries of row `s`.
    ///
    /// Component-outer loops accumulate in a register: for the small systems of pharmacology
    /// (2–12 states) clearing and re-reading a sum buffer per coefficient cost more than the
    /// arithmetic (DOP853 on 2 states: 4,100 → 2,650 instructions per step, callgrind).
    /// The summation order per component is unchanged, so results are bit-identical.
    @inlinable @inline(__always)
    func stageArgument(_ s: Int, _ y: UnsafePointer<Double>, _ h: Double,
                       into destination: UnsafeMutablePointer<Double>) {
        // Locals, not `self.` reads: a store through `destination` could alias the object, which
        // would force the compiler to reload every property after it.
        let n = self.n, k = self.k, coefficient = self.coefficient, column = self.column
        let start = rowStart[s], end = rowStart[s &+ 1]
        for i in 0..<n {
            var acc = 0.0
            var e = start
            while e < end {
                acc += coefficient[e] * k[column[e] &* n &+ i]
                e &+= 1
            }
            destination[i] = y[i] + h * acc
        }
    }

    /// `out = Σ_s w[s] · K_s` over the step stages (zero weights skipped, so a NaN in an unused
    /// stage cannot leak in).
    @inlinable @inline(__always)
    func weightedSum(_ w: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let n = self.n, k = self.k, stages = stepStages
        for i in 0..<n {
            var acc = 0.0
            for s in 0..<stages {
                let ws = w[s]
                if ws == 0 { continue }
                acc += ws * k[s &* n &+ i]
            }
            out[i] = acc
        }
    }

    @inlinable
    public func attemptStep(t: Double, state y: UnsafePointer<Double>, step h: Double,
                            into yNew: UnsafeMutablePointer<Double>) -> StepAttempt {
        extraStagesDone = false
        attemptStart = t
        attemptEnd = t + h
        attemptState = UnsafePointer(yNew)
        let last = stepStages &- 1
        for s in 1..<stepStages {
            let destination = (isFSAL && s == last) ? yNew : stageState
            stageArgument(s, y, h, into: destination)
            evaluate(t + nodes[s] * h, destination, into: k + s &* n)
        }
        if !isFSAL {
            weightedSum(weights, into: sum)
            for i in 0..<n { yNew[i] = y[i] + h * sum[i] }
        }
        guard adaptive else {
            let bad = firstNonFinite(yNew, count: n)
            return StepAttempt(errorNorm: 0, proposedStep: h, failure: bad >= 0 ? .nonFinite(component: bad) : nil)
        }

        weightedSum(errorWeights, into: errorEstimate)
        var error: Double
        if let e2 = secondaryErrorWeights {
            // Hairer's DOP853 estimate: |h| ‖e5‖² / sqrt(‖e5‖² + 0.01 ‖e3‖²), Euclidean norms of the scaled vectors.
            weightedSum(e2, into: secondaryEstimate)
            var s5 = 0.0, s3 = 0.0
            for i in 0..<n {
                let sc = norm.scale(i, y[i], yNew[i])
                let r5 = errorEstimate[i] / sc, r3 = secondaryEstimate[i] / sc
                s5 += r5 * r5
                s3 += r3 * r3
            }
            let denominator = s5 + 0.01 * s3
            error = denominator > 0 ? abs(h) * s5 / (denominator * Double(n)).squareRoot() : 0
            if !s5.isFinite || !s3.isFinite { error = .nan }
        } else {
            for i in 0..<n { errorEstimate[i] *= h }
            error = norm.norm(errorEstimate, y, yNew)
        }
        if !error.isFinite {
            let bad = firstNonFinite(yNew, count: n)
            _ = controller.propose(step: h, error: .infinity)
            return StepAttempt(errorNorm: .nan, proposedStep: h * 0.25, failure: .nonFinite(component: max(bad, 0)))
        }
        return StepAttempt(errorNorm: error, proposedStep: controller.propose(step: h, error: error))
    }


    @inlinable
    public func interpolant(t: Double, state y: UnsafePointer<Double>, step h: Double,
                            into coefficients: UnsafeMutablePointer<Double>) {
        if !extraStagesDone {
            for s in stepStages..<totalStages {
                stageArgument(s, y, h, into: stageState)
                evaluate(t + nodes[s] * h, stageState, into: k + s &* n)
            }
            extraStagesDone = true
        }
        let n = self.n, k = self.k, starts = interpolationStart, stage = interpolationStage
        let scaled = scaledInterpolationWeight
        coefficients.update(from: y, count: n)
        for e in 0..<starts[degree] { scaled[e] = h * interpolationWeight[e] }
        for p in 1...degree {
            let c = coefficients + p &* n
            let start = starts[p &- 1], end = starts[p]
            for i in 0..<n {
                var acc = 0.0
                var e = start
                while e < end {
                    acc += scaled[e] * k[stage[e] &* n &+ i]
                    e &+= 1
                }
                c[i] = acc
            }
        }
    }

    @inlinable
    public func acceptStep() {
        if isFSAL {
            k.update(from: k + (stepStages &- 1) &* n, count: n)
        } else if let yNew = attemptState {
            evaluate(attemptEnd, yNew, into: k)
        }
    }
}
