import Foundation
import Testing
@testable import Sweep

@Suite struct EnginePlanTests {
    @Test func gridIsTheCartesianProductWithTheFirstNameSlowest() throws {
        let plan = try SweepPlan.grid([("a", [.number(1), .number(2)]), ("b", [.text("x"), .text("y"), .text("z")])])
        #expect(plan.count == 6)
        #expect(plan.map(\.index) == Array(0..<6))
        #expect(plan.map(\.id) == ["1", "2", "3", "4", "5", "6"])
        let pairs = plan.map { $0.assignments.map(\.value.description).joined(separator: "/") }
        #expect(pairs == ["1/x", "1/y", "1/z", "2/x", "2/y", "2/z"])
        #expect(plan.allSatisfy { $0.assignments.map(\.name) == ["a", "b"] })
    }

    @Test func gridOfThreeAxesCountsLikeNestedLoops() throws {
        let plan = try SweepPlan.grid([("a", [.number(0), .number(1)]), ("b", [.number(0), .number(1)]), ("c", [.number(0), .number(1)])])
        let codes = plan.map { $0.assignments.map(\.value.description).joined() }
        #expect(codes == ["000", "001", "010", "011", "100", "101", "110", "111"])
    }

    @Test func gridWithoutAxesIsTheBaseScenario() throws {
        let plan = try SweepPlan.grid([])
        #expect(Array(plan) == [RunSpec(index: 0, id: "1", assignments: [])])
    }

    @Test func gridRejectsEmptyAxesAndRepeatedNames() {
        #expect(throws: InputError.self) { try SweepPlan.grid([("a", [])]) }
        do {
            _ = try SweepPlan.grid([("a", [.number(1)]), ("a", [.number(2)])])
            Issue.record("expected an error")
        } catch {
            #expect(error.problems[0].field == "a")
            #expect(error.description == "a: a is given more than once: expected each name once")
        }
    }

    @Test func listKeepsRowOrderAndNumbersRunsFromOne() throws {
        let plan = try SweepPlan.list([[Assignment("dose", .number(5))], [Assignment("dose", .number(10)), Assignment("sex", .text("female"))]])
        #expect(plan.map(\.id) == ["1", "2"])
        #expect(plan[1].assignments == [Assignment("dose", .number(10)), Assignment("sex", .text("female"))])
        #expect(plan.assignmentNames == ["dose", "sex"])
        #expect(throws: InputError.self) { try SweepPlan.list([[Assignment("a", .number(1)), Assignment("a", .number(2))]]) }
    }

    /// Stratum of `x` among `n` equal strata of `lower...upper` (of the log for `.log`).
    func stratum(_ x: Double, _ lower: Double, _ upper: Double, _ scale: SweepPlan.Scale, _ n: Int) -> Int {
        let u = scale == .log ? (log(x) - log(lower)) / (log(upper) - log(lower)) : (x - lower) / (upper - lower)
        return min(n - 1, Int((u * Double(n)).rounded(.down)))
    }

    @Test(arguments: [1, 2, 3, 10, 97, 1000, 4097])
    func latinHypercubeHitsEveryStratumOncePerDimension(count: Int) throws {
        let ranges: [(name: String, lower: Double, upper: Double, scale: SweepPlan.Scale)] =
            [("k_syn", 0.1, 0.5, .linear), ("Ki_tspo_dz", 1, 10_000, .log), ("dose", -3, 3, .linear)]
        let plan = try SweepPlan.latinHypercube(ranges: ranges, count: count, seed: 42)
        #expect(plan.count == count)
        #expect(plan.map(\.id) == (1...count).map(String.init))
        for (d, r) in ranges.enumerated() {
            let values = plan.map { run -> Double in
                guard case .number(let x) = run.assignments[d].value else { return .nan }
                #expect(run.assignments[d].name == r.name)
                return x
            }
            #expect(values.allSatisfy { $0 >= r.lower && $0 <= r.upper })
            let strata = values.map { stratum($0, r.lower, r.upper, r.scale, count) }.sorted()
            #expect(strata == Array(0..<count), "dimension \(r.name)")
        }
    }

    @Test func latinHypercubeIsDeterministicFromItsSeed() throws {
        let ranges: [(name: String, lower: Double, upper: Double, scale: SweepPlan.Scale)] = [("a", 0, 1, .linear), ("b", 1, 100, .log)]
        let first = try SweepPlan.latinHypercube(ranges: ranges, count: 20, seed: 7)
        let again = try SweepPlan.latinHypercube(ranges: ranges, count: 20, seed: 7)
        let other = try SweepPlan.latinHypercube(ranges: ranges, count: 20, seed: 8)
        #expect(Array(first) == Array(again))
        #expect(Array(first) != Array(other))
        // Points are paired randomly across dimensions: not all on the diagonal.
        let aStrata = first.map { run -> Int in
            guard case .number(let x) = run.assignments[0].value else { return -1 }
            return Int(x * 20)
        }
        #expect(aStrata != Array(0..<20))
        // A dimension's column does not depend on the other ranges or their order.
        let reordered = try SweepPlan.latinHypercube(ranges: [ranges[1], ("c", 5, 6, .linear), ranges[0]], count: 20, seed: 7)
        #expect(first.map { $0.assignments[0] } == reordered.map { $0.assignments[2] })
        #expect(first.map { $0.assignments[1] } == reordered.map { $0.assignments[0] })
    }

    @Test func latinHypercubeRejectsBadRanges() {
        #expect(throws: InputError.self) { try SweepPlan.latinHypercube(ranges: [("a", 2, 1, .linear)], count: 3, seed: 1) }
        #expect(throws: InputError.self) { try SweepPlan.latinHypercube(ranges: [("a", 0, 1, .log)], count: 3, seed: 1) }
        #expect(throws: InputError.self) { try SweepPlan.latinHypercube(ranges: [("a", .nan, 1, .linear)], count: 3, seed: 1) }
        #expect(throws: InputError.self) { try SweepPlan.latinHypercube(ranges: [("a", 0, 1, .linear)], count: -1, seed: 1) }
        do {
            _ = try SweepPlan.latinHypercube(ranges: [("Ki", -1, 1, .log)], count: 3, seed: 1)
        } catch {
            #expect(error.description == "Ki: range -1.0...1.0 on a log scale: expected bounds > 0")
        }
        #expect((try? SweepPlan.latinHypercube(ranges: [("a", 0, 1, .linear)], count: 0, seed: 1)).map(Array.init) == [])
    }
}
