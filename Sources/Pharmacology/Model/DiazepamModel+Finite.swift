extension DiazepamModel {
    /// The first sample whose state or derived output is NaN or infinite, or `nil` when every
    /// value is finite (e.g. a dose of 1e308 mg overflows the concentrations; a caller refuses
    /// such a run instead of writing `inf` into a CSV cell).
    /// - Parameters:
    ///   - times: the samples' times (h), reported as they are.
    ///   - states: 12 values per sample in `StateVariable` order (at least `times.count × 12`).
    /// - Returns: the sample's time (h), the first non-finite variable in `OutputVariable.allCases`
    ///   order and its value.
    public func firstNonFiniteOutput(times: [Double], states: [Double])
        -> (time: Double, variable: OutputVariable, value: Double)? {
        let n = StateVariable.count
        precondition(states.count >= times.count * n, "firstNonFiniteOutput: \(states.count) states for \(times.count) samples")
        return states.withUnsafeBufferPointer { all in
            for k in times.indices {
                let state = UnsafeBufferPointer(rebasing: all[(k * n)..<((k + 1) * n)])
                let o = outputs(at: state)
                // Any NaN or infinity makes the sum non-finite, so a finite sum proves every term
                // finite; a non-finite one (possibly an overflow of finite terms) is checked term by term.
                var sum = o.plasma.dz + o.plasma.ndz + o.plasma.tmz + o.plasma.oxz + o.unbound.dz + o.unbound.ndz
                sum += o.unbound.tmz + o.unbound.oxz + o.occupancyGaba + o.occupancyTspo + o.inhibition + o.excitability
                sum += o.anxiolysis + o.withdrawal
                for v in state { sum += v }
                if sum.isFinite { continue }
                for variable in OutputVariable.allCases {
                    let value = variable.value(state: state, outputs: o)
                    if !value.isFinite { return (times[k], variable, value) }
                }
            }
            return nil
        }
    }
}
