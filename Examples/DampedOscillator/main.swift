// A user-defined system solved with BenzoSim's ODE core, no pharmacology involved.
//
//   swift run -c release DampedOscillatorExample            # prints CSV to stdout
//
// A damped oscillator x'' + 2ζω x' + ω² x = 0, written as a first-order system, kicked at
// t = 5 s (a stop time with a state jump), with an event that logs each upward zero crossing.
import ODE

/// x'' + 2ζω x' + ω² x = 0 as y = (x, v).
struct DampedOscillator: ODESystem {
    var omega = 2.0      // natural angular frequency, rad/s
    var zeta = 0.1       // damping ratio
    var dimension: Int { 2 }

    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = y[1]
        dy[1] = -2 * zeta * omega * y[1] - omega * omega * y[0]
    }
}

var problem = ODEProblem(system: DampedOscillator(), initialState: [1, 0], from: 0, to: 10)
problem.saveTimes = Array(stride(from: 0.0, through: 10.0, by: 0.5))
problem.stopTimes = [5]
problem.onStop = { _, _, y in y[1] += 3 }                       // a kick: +3 m/s at t = 5 s
problem.events = [ODEEvent(name: "upward zero crossing", direction: .rising) { _, y in y[0] }]

do {
    let solution = try problem.solve(method: .dop853, options: SolverOptions(rtol: 1e-10, atol: 1e-12))
    print("time_s,x_m,v_m_per_s")
    for (i, t) in solution.times.enumerated() {
        let y = solution.state(at: i)
        print("\(t),\(y[y.startIndex]),\(y[y.startIndex + 1])")
    }
    for event in solution.events {
        print("# \(problem.events[event.eventIndex].name) at t = \(event.time) s")
    }
    print("# \(solution.statistics)")
} catch {
    print("solve failed: \(error)")
}
