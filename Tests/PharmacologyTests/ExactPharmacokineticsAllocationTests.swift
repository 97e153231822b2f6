import AllocationCounter
import Testing
import ODE
@testable import Pharmacology

/// The closed-form PK path's inner loop (the PD right-hand side reading the PK schedule, each step,
/// each dose stop) allocates nothing.
@Suite struct ExactPharmacokineticsAllocationTests {
    @Test func drivenPDStepsAcrossDosesWithoutAllocating() throws {
        let model = try DiazepamModel()
        let regimen = try Regimen.repeated(10, every: 24, count: 40)
        let actions = DosingAction.ordered(events: regimen.events(bioavailability: model.bioavailability, lag: model.lagTime),
                                           resetTimes: [])
        let propagator = try LinearPropagator(matrix: model.pkMatrix, dimension: 6)
        let options = SolverOptions(rtol: 1e-8, atol: .scalar(1e-10))

        func run(count: Bool) throws -> (allocations: Int64, steps: Int) {
            let schedule = PKSchedule(model: model, propagator: propagator, actions: actions)
            let stepper = ExplicitRKStepper<DrivenPDSystem, DOP853>(system: DrivenPDSystem(model: model, schedule: schedule),
                                                                     options: options)
            let saves = Array(stride(from: 0.0, through: 40 * 24, by: 6))
            let integrator = try Integrator(stepper: stepper, options: options, startTime: 0,
                                            initialState: Array(StateVariable.initialState[6...]), saveTimes: saves)
            var next = 0
            func stopsAt(_ t: Double) {
                while next < actions.count && actions[next].time == t {
                    schedule.current.pointee = schedule.segmentOfAction[next]
                    next += 1
                }
                integrator.restart()
            }
            // Warm-up: the first ten dose cycles.
            stopsAt(0)
            while next < actions.count && actions[next].time < 10 * 24 {
                try integrator.advance(to: actions[next].time)
                stopsAt(actions[next].time)
            }
            if count { allocation_counter_start() }
            while next < actions.count {
                try integrator.advance(to: actions[next].time)
                stopsAt(actions[next].time)
            }
            try integrator.advance(to: 40 * 24)
            let allocations = count ? allocation_counter_stop() : 0
            return (allocations, integrator.statistics.acceptedSteps)
        }
        _ = try run(count: false)
        let (allocations, steps) = try run(count: true)
        #expect(steps > 200)
        #expect(allocations == 0, "\(allocations) allocations")
    }
}
