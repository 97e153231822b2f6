import Foundation
import Testing
@testable import Sweep

@Suite struct EnginePopulationTests {
    static let covariates = CovariateDistributions(
        age: .normal(mean: 45, sd: 15, range: 18...90),
        weight: .init(median: 75, cv: 0.2, range: 40...150),
        femaleFraction: 0.5,
        cyp2c19: .init(normal: 0.6, intermediate: 0.3, poor: 0.1))

    func number(_ run: RunSpec, _ name: String) -> Double {
        guard case .number(let x)? = run.assignments.first(where: { $0.name == name })?.value else { return .nan }
        return x
    }

    func text(_ run: RunSpec, _ name: String) -> String? {
        guard case .text(let s)? = run.assignments.first(where: { $0.name == name })?.value else { return nil }
        return s
    }

    @Test func etaHasMeanZeroAndSdOmegaOverTwentyThousandSubjects() throws {
        let n = 20_000
        let plan = try SweepPlan.population(count: n, seed: 2024,
                                            variability: [("CL", 1.6, 0.3), ("V1", 21, 0.1)], covariates: Self.covariates)
        #expect(plan.count == n)
        #expect(plan[0].assignments.map(\.name) == ["CL", "V1", "age", "weight", "sex", "cyp2c19"])
        for (name, theta, omega) in [("CL", 1.6, 0.3), ("V1", 21.0, 0.1)] {
            let etas = plan.map { log(number($0, name) / theta) }
            let mean = etas.reduce(0, +) / Double(n)
            let sd = (etas.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
            // Standard errors: ω/√n ≈ 0.0021 and ω/√(2n) ≈ 0.0015 for ω = 0.3.
            #expect(abs(mean) < 5 * omega / Double(n).squareRoot(), "\(name) mean η \(mean)")
            #expect(abs(sd - omega) < 5 * omega / (2 * Double(n)).squareRoot(), "\(name) sd η \(sd)")
        }
    }

    @Test func covariateFrequenciesMatchTheirDistributions() throws {
        let n = 20_000
        let plan = try SweepPlan.population(count: n, seed: 99, variability: [], covariates: Self.covariates)
        let female = Double(plan.filter { text($0, "sex") == "female" }.count) / Double(n)
        #expect(abs(female - 0.5) < 0.02)
        for (phenotype, p) in [("normal", 0.6), ("intermediate", 0.3), ("poor", 0.1)] {
            let f = Double(plan.filter { text($0, "cyp2c19") == phenotype }.count) / Double(n)
            #expect(abs(f - p) < 0.02, "\(phenotype) \(f)")
        }
        let ages = plan.map { number($0, "age") }
        #expect(ages.allSatisfy { (18...90).contains($0) })
        // Truncation at 18 and 90 (z = −1.8 and 3) raises the mean slightly: E = 45 + 15·(φ(−1.8) − φ(3))/(Φ(3) − Φ(−1.8)) ≈ 46.2.
        let meanAge = ages.reduce(0, +) / Double(n)
        #expect(abs(meanAge - 46.2) < 0.5, "mean age \(meanAge)")
        let weights = plan.map { number($0, "weight") }.sorted()
        #expect(weights.allSatisfy { (40...150).contains($0) })
        #expect(abs(weights[n / 2] / 75 - 1) < 0.01, "median weight \(weights[n / 2])")
        let logWeights = weights.map(log)
        let m = logWeights.reduce(0, +) / Double(n)
        let sdLog = (logWeights.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)).squareRoot()
        #expect(abs(sdLog - log(1 + 0.04).squareRoot()) < 0.005, "sd log weight \(sdLog)")
    }

    @Test func uniformAgeCoversItsRange() throws {
        let plan = try SweepPlan.population(count: 10_000, seed: 5, variability: [],
                                            covariates: CovariateDistributions(age: .uniform(20...80)))
        #expect(plan[0].assignments.map(\.name) == ["age"])
        let ages = plan.map { number($0, "age") }
        #expect(ages.allSatisfy { (20...80).contains($0) })
        #expect(abs(ages.reduce(0, +) / 10_000 - 50) < 0.6)
        #expect(ages.filter { $0 < 35 }.count > 2300 && ages.filter { $0 < 35 }.count < 2700)
    }

    @Test func subjectIsTheSameAloneOrInABatch() throws {
        let population = try VirtualPopulation(seed: 77, variability: [("CL", 1.6, 0.3), ("ka", 2.2, 0.5)], covariates: Self.covariates)
        let batch = population.subjects(count: 500)
        for i in [0, 1, 137, 499] {
            #expect(population.subject(i) == batch[i])
        }
        let planned = try SweepPlan.population(count: 138, seed: 77, variability: [("CL", 1.6, 0.3), ("ka", 2.2, 0.5)],
                                               covariates: Self.covariates)
        #expect(planned[137] == batch[137])
        #expect(planned[137].id == "138" && planned[137].index == 137)
        // A parameter's values do not depend on which other parameters vary.
        let alone = try VirtualPopulation(seed: 77, variability: [("ka", 2.2, 0.5)])
        #expect(alone.subject(137).assignments[0] == batch[137].assignments[1])
        // Another seed gives other subjects.
        let other = try VirtualPopulation(seed: 78, variability: [("CL", 1.6, 0.3), ("ka", 2.2, 0.5)], covariates: Self.covariates)
        #expect(other.subject(137) != batch[137])
    }

    @Test func zeroOmegaGivesTheTypicalValue() throws {
        let plan = try SweepPlan.population(count: 3, seed: 1, variability: [("CL", 1.6, 0)])
        #expect(plan.allSatisfy { number($0, "CL") == 1.6 })
    }

    @Test func invalidDistributionsAreRejectedWithTheirField() {
        func field(_ body: () throws -> Void) -> String? {
            do { try body() } catch let error as InputError { return error.problems.first?.field } catch { return "\(error)" }
            return nil
        }
        #expect(field { _ = try SweepPlan.population(count: 1, seed: 1, variability: [("CL", 1.6, -0.1)]) } == "CL")
        #expect(field { _ = try SweepPlan.population(count: 1, seed: 1, variability: [("CL", .nan, 0.1)]) } == "CL")
        #expect(field { _ = try SweepPlan.population(count: 1, seed: 1, variability: [("CL", 1, 0.1), ("CL", 2, 0.1)]) } == "CL")
        #expect(field { _ = try SweepPlan.population(count: -1, seed: 1, variability: []) } == "count")
        let badCyp = CovariateDistributions(cyp2c19: .init(normal: 0.6, intermediate: 0.3, poor: 0.2))
        #expect(field { _ = try SweepPlan.population(count: 1, seed: 1, variability: [], covariates: badCyp) } == "cyp2c19")
        do {
            try badCyp.validate()
        } catch {
            #expect(error.description.contains("expected them to sum to 1"))
        }
        #expect(field { try CovariateDistributions(femaleFraction: 1.5).validate() } == "sex")
        #expect(field { try CovariateDistributions(age: .normal(mean: 40, sd: 5, range: 90...100)).validate() } == "age")
        #expect(field { try CovariateDistributions(weight: .init(median: 70, cv: 0.2, range: 0...100)).validate() } == "weight")
        #expect(field { try CovariateDistributions(weight: .init(median: -70, cv: 0.2, range: 40...100)).validate() } == "weight")
    }
}
