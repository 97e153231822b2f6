import ODE

/// The pharmacokinetics of one simulation solved exactly (no time steps): between two dosing
/// actions the six drug amounts are a sum of exponentials (`LinearPropagator`), and each action
/// (a dose, an infusion starting or ending, a reset) starts a new segment.
///
/// Segment 0 starts at `startTime` (0 by default) from `initialAmounts` (baseline, no drug, by
/// default), before any action at that time; every distinct action
/// time starts one more segment with the state just after all of that time's actions. A segment
/// covers `(start, next start]`, so the state at an action time is the one before its actions
/// (the trough), as everywhere else in the toolkit.
///
/// The buffers are read by the exact-PK right-hand side in its inner loop, hence raw pointers.
/// One instance per simulation; not for sharing between threads.
final class PKSchedule: @unchecked Sendable {
    static let m = DiazepamModel.pkDimension
    let propagator: LinearPropagator
    let segmentCount: Int
    /// Start time of each segment (h).
    let starts: UnsafeMutablePointer<Double>
    /// Modal state `V⁻¹ x` just after the segment's start, `m` per segment.
    let modalStates: UnsafeMutablePointer<Double>
    /// Modal infusion input `V⁻¹ r` during the segment, `m` per segment.
    let modalInputs: UnsafeMutablePointer<Double>
    /// Whether the segment has any infusion running (skips the input terms when not).
    let hasInput: UnsafeMutablePointer<Bool>
    /// `λ_k` and the modal weights of the GABA-A and TSPO binding sums.
    let eigenvalues: UnsafeMutablePointer<Double>
    /// `V`, column-major `m × m` (the propagator's, copied: read for every sample).
    let eigenvectors: UnsafeMutablePointer<Double>
    let gabaWeights: UnsafeMutablePointer<Double>
    let tspoWeights: UnsafeMutablePointer<Double>
    /// The segment the right-hand side is in; set by the integrator's stops.
    let current: UnsafeMutablePointer<Int>
    /// For each action (in `actions` order), the segment it belongs to.
    let segmentOfAction: [Int]

    /// Walks the actions once, propagating the PK exactly from each action time to the next.
    /// `initialAmounts` (6 mg values, or `nil` for none) are the drug amounts at `startTime` (h),
    /// which must not be after the first action; no infusion may be running then.
    init(model: DiazepamModel, propagator: LinearPropagator, actions: [DosingAction],
         startTime: Double = 0, initialAmounts: [Double]? = nil) {
        let m = Self.m
        self.propagator = propagator
        var distinctTimes: [Double] = []
        var segmentOfAction: [Int] = []
        for action in actions {
            if distinctTimes.last != action.time { distinctTimes.append(action.time) }
            segmentOfAction.append(distinctTimes.count)
        }
        self.segmentOfAction = segmentOfAction
        segmentCount = distinctTimes.count + 1
        starts = .allocate(capacity: segmentCount)
        modalStates = .allocate(capacity: segmentCount * m)
        modalInputs = .allocate(capacity: segmentCount * m)
        hasInput = .allocate(capacity: segmentCount)
        eigenvalues = .allocate(capacity: m)
        eigenvectors = .allocate(capacity: m * m)
        gabaWeights = .allocate(capacity: m)
        tspoWeights = .allocate(capacity: m)
        current = .allocate(capacity: 1)
        current.initialize(to: 0)
        eigenvalues.initialize(from: propagator.eigenvalues, count: m)
        eigenvectors.initialize(from: propagator.eigenvectors, count: m * m)
        gabaWeights.initialize(from: propagator.modalWeights(of: model.gabaBindingWeights), count: m)
        tspoWeights.initialize(from: propagator.modalWeights(of: model.tspoBindingWeights), count: m)

        var x = initialAmounts ?? [Double](repeating: 0, count: m)   // drug amounts, mg
        var r = [Double](repeating: 0, count: m)          // infusion rates, mg/h
        var rates = InfusionRates()
        starts[0] = startTime
        modalStates.initialize(repeating: 0, count: m)
        x.withUnsafeBufferPointer { propagator.modal(of: $0.baseAddress!, into: modalStates) }
        modalInputs.initialize(repeating: 0, count: m)
        hasInput[0] = false
        var a = 0
        for (index, time) in distinctTimes.enumerated() {
            let previous = index                            // the segment that ends at `time`
            x.withUnsafeMutableBufferPointer { amounts(inSegment: previous, at: time, into: $0.baseAddress!) }
            while a < actions.count && actions[a].time == time {
                switch actions[a].kind {
                case .reset:
                    for i in 0..<m { x[i] = 0 }
                case .setState(let state, let additive):
                    for i in 0..<m { x[i] = additive ? x[i] + state[i] : state[i] }
                case .event(let event):
                    switch event.kind {
                    case .bolus(let amount):
                        x[event.compartment.rawValue - 1] += amount
                    case .rateChange:
                        rates.apply(event)
                        r[0] = rates[.depot]
                        r[1] = rates[.central]
                    }
                }
                a += 1
            }
            let s = index + 1
            starts[s] = time
            x.withUnsafeBufferPointer { propagator.modal(of: $0.baseAddress!, into: modalStates + s * m) }
            r.withUnsafeBufferPointer { propagator.modal(of: $0.baseAddress!, into: modalInputs + s * m) }
            hasInput[s] = r.contains { $0 != 0 }
            if !hasInput[s] { for k in 0..<m { modalInputs[s * m + k] = 0 } }
        }
    }

    deinit {
        starts.deallocate(); modalStates.deallocate(); modalInputs.deallocate(); hasInput.deallocate()
        eigenvalues.deallocate(); eigenvectors.deallocate(); gabaWeights.deallocate(); tspoWeights.deallocate(); current.deallocate()
    }

    /// The binding sums `(S_g, S_t)` at time `t` in the current segment: one exponential per mode.
    @inline(__always)
    func bindingSums(at t: Double) -> (gaba: Double, tspo: Double) {
        let m = Self.m
        let s = current.pointee
        let tau = t - starts[s]
        let z = modalStates + s * m
        var gaba = 0.0, tspo = 0.0
        if hasInput[s] {
            let input = modalInputs + s * m
            for k in 0..<m {
                let zk = LinearPropagator.mode(eigenvalue: eigenvalues[k], after: tau, start: z[k], input: input[k])
                gaba += gabaWeights[k] * zk
                tspo += tspoWeights[k] * zk
            }
        } else {
            for k in 0..<m {
                let zk = exp(eigenvalues[k] * tau) * z[k]
                gaba += gabaWeights[k] * zk
                tspo += tspoWeights[k] * zk
            }
        }
        return (gaba, tspo)
    }

    /// Writes the six drug amounts at each of `times` (sorted) into `states`, `stride` doubles per
    /// time starting at offset 0 of each row. At an action time: the amounts before its actions.
    func writeAmounts(at times: [Double], into states: inout [Double], stride: Int) {
        var s = 0
        states.withUnsafeMutableBufferPointer { out in
            for (n, t) in times.enumerated() {
                s = segment(holding: t, from: s)
                amounts(inSegment: s, at: t, into: out.baseAddress! + n * stride)
            }
        }
    }

    /// The segment holding time `t` (h), searching forward from segment `s` (times asked for in
    /// increasing order): the last one whose start is before `t`.
    @inline(__always)
    func segment(holding t: Double, from s: Int) -> Int {
        var s = s
        while s + 1 < segmentCount && starts[s + 1] < t { s += 1 }
        return s
    }

    /// Drug amount `state` (0–5, `StateVariable` order) in mg at time `t` (h); at an action time,
    /// before its actions. Not for hot loops (a binary search and a 6-vector per call).
    func amount(_ state: Int, at t: Double) -> Double {
        var low = 0, high = segmentCount - 1              // the last segment whose start is < t
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] < t { low = mid } else { high = mid - 1 }
        }
        var x = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        return withUnsafeMutableBytes(of: &x) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: Double.self)
            amounts(inSegment: low, at: t, into: p)
            return p[state]
        }
    }

    /// The six drug amounts (mg) at time `t` (h) of segment `s`, at or after its start:
    /// `LinearPropagator.state(after:from:input:into:)`'s arithmetic in the same order (so the same
    /// bits), on this schedule's raw buffers (no array accesses: it runs for every sample).
    @inline(__always)
    func amounts(inSegment s: Int, at t: Double, into x: UnsafeMutablePointer<Double>) {
        let m = Self.m
        let tau = t - starts[s]
        let z = modalStates + s * m
        withUnsafeTemporaryAllocation(of: Double.self, capacity: m) { zt in
            // The modes first, then the sums: no library call (`exp`) between the accumulations.
            if hasInput[s] {
                let input = modalInputs + s * m
                for k in 0..<m {
                    zt[k] = LinearPropagator.mode(eigenvalue: eigenvalues[k], after: tau, start: z[k], input: input[k])
                }
            } else {
                for k in 0..<m { zt[k] = exp(eigenvalues[k] * tau) * z[k] }
            }
            for i in 0..<m { x[i] = 0 }
            for k in 0..<m {
                let v = eigenvectors + k * m, zk = zt[k]
                for i in 0..<m { x[i] += v[i] * zk }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
