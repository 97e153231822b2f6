// Taper design speed (issue 12):
//
//   cd Benchmarks && swift package benchmark --target TaperBenchmarks
//
// - "optimal taper, one patient": the greedy design for the default patient after 180 days of
//   10 mg/day, ceiling 25% of the abrupt-stop peak, liquid in 0.1 mg steps, a cut every 14 days
//   (the maintenance simulation included). Target < 1 s.
// - "optimal taper, 200 subjects": the same for a 200-subject virtual population (CL, CL_ndz and
//   V2 with 30% variability, seed 1), keeping the 90th percentile under 40% of each subject's
//   abrupt-stop peak with 0.5 mg liquid steps, on all cores. Target < 60 s on 2 cores.
import Analysis
import Benchmark
import Foundation
import Pharmacology
import Sweep

func request(_ ceiling: Double, step: Double) -> TaperRequest {
    TaperRequest(maintenance: try! Maintenance("10mg po q24h for 180d"), ceiling: .fractionOfAbruptStop(ceiling),
                 dispensing: try! .liquid(step: step), timing: .every(hours: 14 * 24))
}

func population(_ count: Int) -> [DiazepamModel] {
    let typical = Scenario(regimen: .empty, endTime: 24)
    let variability = ["CL", "CL_ndz", "V2"].map { name in
        (parameter: name, typicalValue: typical.parameters[ParameterName(name: name)!], omega: 0.3)
    }
    let subjects = try! VirtualPopulation(seed: 1, variability: variability).subjects(count: count)
    return subjects.map { try! typical.applying($0.assignments, individualParameters: Set(["CL", "CL_ndz", "V2"])).makeModel() }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("optimal taper, one patient", configuration: .init(metrics: [.wallClock], maxIterations: 5)) { benchmark in
        let model = try DiazepamModel()
        for _ in benchmark.scaledIterations {
            blackHole(try TaperDesigner(models: [model], request: request(0.25, step: 0.1)).design())
        }
    }
    Benchmark("optimal taper, 200 subjects", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(1), maxIterations: 1)) { benchmark in
        let models = population(200)
        for _ in benchmark.scaledIterations {
            blackHole(try TaperDesigner(models: models, request: request(0.4, step: 0.5),
                                        threads: ProcessInfo.processInfo.activeProcessorCount).design())
        }
    }
}
