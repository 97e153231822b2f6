import Foundation
import Testing
@testable import Sweep

/// Plans are made run by run: a shard of a huge plan is cheap and its runs are those of the
/// whole plan.
@Suite struct EngineLazyPlanTests {
    /// A 1,000-run shard of a 10⁸-subject population: the same subjects, indices and ids as
    /// drawing them one by one from the population.
    @Test func shardOfAHugePopulation() throws {
        let covariates = CovariateDistributions(age: .uniform(20...80), femaleFraction: 0.5)
        let plan = try SweepPlan.population(count: 100_000_000, seed: 42, variability: [("CL", 1.6, 0.3)], covariates: covariates)
        let shard = try Shard(index: 7, count: 100_000).select(plan)
        #expect(plan.count == 100_000_000 && shard.count == 1_000)
        #expect(shard.startIndex == 6_000 && shard.endIndex == 7_000)
        let population = try VirtualPopulation(seed: 42, variability: [("CL", 1.6, 0.3)], covariates: covariates)
        #expect(Array(shard) == (6_000..<7_000).map(population.subject))
        #expect(shard.first?.id == "6001")
        #expect(shard.assignmentNames == ["CL", "age", "sex"])
    }

    /// Run i of a grid holds the mixed-radix digits of i, the last axis fastest, for a grid of 10⁸
    /// runs (four axes of 100 values) read at a few positions.
    @Test func gridRunsFromTheirIndex() throws {
        let axes = (0..<4).map { k in (name: "p\(k)", values: (0..<100).map { Assignment.Value.number(Double($0)) }) }
        let plan = try SweepPlan.grid(axes)
        #expect(plan.count == 100_000_000)
        for i in [0, 1, 99, 100, 12_345_678, 99_999_999] {
            let digits = [i / 1_000_000, i / 10_000 % 100, i / 100 % 100, i % 100]
            #expect(plan[i].assignments.map(\.value) == digits.map { .number(Double($0)) }, "run \(i)")
            #expect(plan[i].index == i && plan[i].id == String(i + 1))
        }
        let shard = try Shard(index: 2, count: 50_000_000).select(plan)
        #expect(Array(shard).map(\.index) == [2, 3])
    }
}
