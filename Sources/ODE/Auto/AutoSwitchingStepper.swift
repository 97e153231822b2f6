/// Integrates with an explicit method while the problem is non-stiff and with a stiff method
/// while it is stiff, switching automatically (in the spirit of LSODA and OrdinaryDiffEq's
/// `AutoTsit5(Rodas5P)`), so a user who does not know whether a system is stiff gets good speed
/// either way.
///
/// How it decides:
/// - On the explicit method, after each accepted step it reads Hairer's estimate of `h·ρ`
///   (`StiffnessEstimating.lastStepStiffness`, the dominant eigenvalue times the step). If it sits
///   above 90% of the method's stability boundary on `switchAfter` (15) accepted steps without 6
///   calm steps in between, the step size is limited by stability, not accuracy: the problem
///   is stiff and it switches to the stiff method. This is the rule of Hairer's DOPRI5.
///   At tight tolerances the error estimate of the stiff mode keeps the explicit steps at
///   50–90% of the boundary instead (Robertson at rtol 1e-10 with atol 1e-18 on the radical:
///   only 19% of DP5's steps above 90%, 78% above 50%), so a second rule switches when a leaky
///   count (+1 per step above 50% of the boundary, −1 per step below, never negative) reaches
///   `sustainedSwitchAfter` (50).
///   None of the non-stiff test problems (Arenstorf, Kepler, Lotka–Volterra, oral PK) has a
///   single DP5 step above 50% of the boundary.
/// - By cost: while the explicit steps sit above 10% of the boundary, every 10 such steps the stiff
///   method tries one step of 3× the explicit step (`stiffMethodIsCheaper`); if it passes its
///   error test the stiff method is cheaper and takes over (LSODA's rule, comparing the steps the
///   two methods would take). At tight tolerances neither `h·ρ` rule fires early enough
///   (Robertson at rtol 1e-10: 6,304 steps against Rodas5P's 2,259; HIRES at 1e-12: 43,487 against
///   13,062, never switching); with it 2,225 and 15,430.
/// - On the stiff method, it reads `h·ρ` from the stiff method's Jacobian (a Gershgorin bound on
///   ρ). If that stays below half the explicit method's stability boundary for `switchAfter`
///   steps in a row, the explicit method could take the same steps stably; it takes over if it
///   also passes its error test on the whole stiff step (`explicitMethodIsCheaper`).
/// The method switched to restarts at the current state (one right-hand-side evaluation); each
/// switch is counted in `switches`. Dose restarts keep the current mode.
///
/// Mutable stored properties are `@exclusivity(unchecked)`: an instance is used by one thread and
/// never hands out overlapping `inout` accesses, and the runtime checks cost 20–30% of a step on small
/// systems (Van der Pol with Rodas5P: 2.18 → 1.52 ms, `Benchmarks/ComparisonRunner`).
public final class AutoSwitchingStepper<Explicit: StiffnessEstimating, Stiff: StiffnessEstimating>: ODEStepper
where Explicit.System == Stiff.System {
    public typealias System = Explicit.System

    /// The non-stiff method.
    public let explicit: Explicit
    /// The stiff method.
    public let stiff: Stiff
    /// Consecutive decisions needed before a switch.
    public let switchAfter = 15
    /// Net count of explicit steps above half the stability boundary that also means "stiff".
    public let sustainedSwitchAfter = 50
    /// Explicit steps (each with `h·ρ` above `probeThreshold` of the boundary) between probes.
    public let probeInterval = 10
    /// Fraction of the stability boundary above which the explicit steps are probed.
    public let probeThreshold = 0.1
    /// A probe switches when the stiff method passes its error test on this multiple of the
    /// explicit step.
    public let probeStepFactor = 3.0
    /// `true` while the stiff method is active.
    @exclusivity(unchecked) public private(set) var isStiff = false
    /// Number of switches so far (both directions).
    @exclusivity(unchecked) public private(set) var switches = 0
    @exclusivity(unchecked) @usableFromInline var stiffVotes = 0
    @exclusivity(unchecked) @usableFromInline var calmVotes = 0
    @exclusivity(unchecked) @usableFromInline var sustainedVotes = 0
    @exclusivity(unchecked) @usableFromInline var stepStart = 0.0
    @exclusivity(unchecked) @usableFromInline var stepEnd = 0.0
    /// Explicit steps above `probeThreshold` of the boundary since the last probe.
    @exclusivity(unchecked) @usableFromInline var stepsSinceProbe = 0
    /// Scratch state for the probe step of the stiff method.
    @usableFromInline let probeState: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) @usableFromInline var stepEndState: UnsafePointer<Double>? = nil

    /// Combines an explicit and a stiff stepper for the same system (built with the same options).
    public init(explicit: Explicit, stiff: Stiff) {
        self.explicit = explicit
        self.stiff = stiff
        probeState = .allocate(capacity: max(explicit.system.dimension, 1))
        probeState.initialize(repeating: 0, count: max(explicit.system.dimension, 1))
    }

    deinit { probeState.deallocate() }

    public var system: System { explicit.system }
    public var order: Int { isStiff ? stiff.order : explicit.order }
    public var interpolantDegree: Int { max(explicit.interpolantDegree, stiff.interpolantDegree) }

    /// Work of both methods added up.
    public var statistics: SolverStatistics {
        let a = explicit.statistics, b = stiff.statistics
        var sum = SolverStatistics()
        sum.rhsEvaluations = a.rhsEvaluations + b.rhsEvaluations
        sum.jacobianEvaluations = a.jacobianEvaluations + b.jacobianEvaluations
        sum.luFactorizations = a.luFactorizations + b.luFactorizations
        sum.linearSolves = a.linearSolves + b.linearSolves
        return sum
    }

    @inlinable
    public func restart(t: Double, state y: UnsafePointer<Double>) {
        if isStiff { stiff.restart(t: t, state: y) } else { explicit.restart(t: t, state: y) }
        stiffVotes = 0
        calmVotes = 0
        sustainedVotes = 0
        stepsSinceProbe = 0
    }

    public var startDerivative: UnsafePointer<Double> {
        isStiff ? stiff.startDerivative : explicit.startDerivative
    }

    @inlinable
    public func attemptStep(t: Double, state y: UnsafePointer<Double>, step h: Double,
                            into yNew: UnsafeMutablePointer<Double>) -> StepAttempt {
        stepStart = t
        stepEnd = t + h
        stepEndState = UnsafePointer(yNew)
        return isStiff ? stiff.attemptStep(t: t, state: y, step: h, into: yNew)
                       : explicit.attemptStep(t: t, state: y, step: h, into: yNew)
    }

    @inlinable
    public func interpolant(t: Double, state y: UnsafePointer<Double>, step h: Double,
                            into coefficients: UnsafeMutablePointer<Double>) {
        let activeDegree = isStiff ? stiff.interpolantDegree : explicit.interpolantDegree
        if isStiff {
            stiff.interpolant(t: t, state: y, step: h, into: coefficients)
        } else {
            explicit.interpolant(t: t, state: y, step: h, into: coefficients)
        }
        let n = system.dimension
        // The integrator evaluates the full degree: zero the powers the active method lacks.
        if activeDegree < interpolantDegree {
            (coefficients + (activeDegree + 1) * n).update(repeating: 0, count: (interpolantDegree - activeDegree) * n)
        }
    }

    @inlinable
    public func acceptStep() {
        let boundary = explicit.stabilityBoundary
        if isStiff {
            stiff.acceptStep()
            if let hRho = stiff.lastStepStiffness, hRho < 0.5 * boundary {
                calmVotes += 1
                if calmVotes >= switchAfter {
                    calmVotes = 0
                    if explicitMethodIsCheaper() { switchMethod() }
                }
            } else {
                calmVotes = 0
            }
        } else {
            explicit.acceptStep()
            let hRho = explicit.lastStepStiffness ?? 0
            // A leaky count: +1 above half the boundary, −1 below (never under 0).
            sustainedVotes = hRho > 0.5 * boundary ? sustainedVotes + 1 : max(0, sustainedVotes - 1)
            if hRho > 0.9 * boundary {
                stiffVotes += 1
                calmVotes = 0
            } else {
                calmVotes += 1
                if calmVotes >= 6 { stiffVotes = 0 }
            }
            if stiffVotes >= switchAfter || sustainedVotes >= sustainedSwitchAfter {
                switchMethod()
            } else if hRho > probeThreshold * boundary {
                stepsSinceProbe += 1
                if stepsSinceProbe >= probeInterval {
                    stepsSinceProbe = 0
                    if stiffMethodIsCheaper() { switchMethod() }
                }
            }
        }
    }

    /// The cost comparison back: the explicit method tries the stiff step just accepted, and is
    /// cheaper if it passes its error test: it then needs no more steps than the stiff method,
    /// each without a Jacobian or a factorisation. (Accepting 2/3 of the stiff step, as before,
    /// handed HIRES back to DP5 near its end, where DP5 took 1.6× Rodas5P's steps: 1,674 steps
    /// against Rodas5P's 1,112 at rtol 1e-8, 1,611 with this rule.) The gap to `probeStepFactor`
    /// keeps the two rules from handing the problem back and forth (HIRES at rtol 1e-12 switched
    /// 158 times with the stability rule alone here).
    @usableFromInline
    func explicitMethodIsCheaper() -> Bool {
        guard let y = stepEndState else { return false }
        explicit.restart(t: stepEnd, state: y)
        return explicit.attemptStep(t: stepEnd, state: y, step: stepEnd - stepStart, into: probeState).passed
    }

    /// The cost comparison (in the spirit of LSODA, which switches when the other method's step
    /// would be larger by more than its extra cost per step; Petzold, SIAM J. Sci. Stat. Comput.
    /// 4 (1983) 136–148): the stiff method tries one step of `probeStepFactor` (3) times the
    /// explicit step just accepted from its end, and is cheaper if it passes its error test.
    /// At tight tolerances the explicit error estimate can hold the steps below the stability
    /// boundary without ever reaching the `h·ρ` rules (HIRES at rtol 1e-12: 43,487 DP5 steps, never
    /// switching, against 13,062 for Rodas5P). A probe costs one stiff step (with its Jacobian and
    /// factorisation) per `probeInterval` explicit steps, and runs only while `h·ρ` is above
    /// `probeThreshold` of the boundary, which no non-stiff test problem reaches.
    @usableFromInline
    func stiffMethodIsCheaper() -> Bool {
        guard let y = stepEndState else { return false }
        stiff.restart(t: stepEnd, state: y)
        return stiff.attemptStep(t: stepEnd, state: y, step: probeStepFactor * (stepEnd - stepStart), into: probeState).passed
    }

    /// Hands over to the other method at the end of the step just accepted.
    @usableFromInline
    func switchMethod() {
        guard let y = stepEndState else { return }
        isStiff.toggle()
        switches += 1
        restart(t: stepEnd, state: y)
    }
}
