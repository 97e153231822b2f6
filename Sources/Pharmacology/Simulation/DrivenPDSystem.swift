import ODE

/// The six PD states of the model driven by the exactly solved PK of a `PKSchedule`: an ordinary
/// non-autonomous ODE that any method can integrate. No PK state is integrated, so the steps only
/// have to follow the slow PD and the shape of the occupancy curves.
struct DrivenPDSystem: ODESystem {
    let model: DiazepamModel
    let schedule: PKSchedule

    var dimension: Int { 6 }

    @inline(__always)
    func occupancies(at t: Double) -> (gaba: Double, tspo: Double) {
        let (sg, st) = schedule.bindingSums(at: t)
        return (sg / (1 + sg), st / (1 + st))
    }

    // Always inlined: called out of line, the 448-byte struct (the model's constants) would be
    // copied to the stack for every call, since a borrowed argument must not change during it.
    @inline(__always)
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        let (occGaba, occTspo) = occupancies(at: t)
        model.pdDerivatives(occGaba: occGaba, occTspo: occTspo, pd: y.baseAddress!, into: dy.baseAddress!)
    }

    var hasAnalyticJacobian: Bool { true }

    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j.zero()
        let (occGaba, occTspo) = occupancies(at: t)
        model.pdJacobian(occGaba: occGaba, occTspo: occTspo, pd: y.baseAddress!, into: j, offset: 0)
    }
}
