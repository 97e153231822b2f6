// swift-tools-version: 6.1
// Benchmarks for the ODE core, kept out of the main package so that `swift build`/`swift test`
// there never fetch or compile package-benchmark. Run from this directory:
//   swift package benchmark                                  (everything)
//   swift package benchmark --target SolverBenchmarks         (methods × problems, with work counters)
//   swift package benchmark --target LinearAlgebraBenchmarks  (LU crossover)
//   swift package benchmark --target ThroughputBenchmarks     (subjects per second, CSV cost)
//   swift package benchmark --target BandsBenchmarks          (10,000-subject percentile bands' overhead)
//   swift package benchmark --target SensitivityBenchmarks    (a Sobol' analysis, 10,240 runs)
//   swift package benchmark --target TaperBenchmarks          (taper design: one patient, 200 subjects)
import PackageDescription

let package = Package(
    name: "BenzoSimBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The MallocInterposer trait is required: without `traits:` resolution tries to fetch
        // swift-runtime-interposer, which is not available here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(name: "BenzoSim", path: ".."),
    ],
    targets: [
        // The test problems shared by the benchmark executables.
        .target(name: "BenchmarkProblems", dependencies: [.product(name: "ODE", package: "BenzoSim")], path: "Problems"),
        // LU kernels: hand-written vs LAPACKE, to place LUFactorization.crossoverDimension.
        .executableTarget(
            name: "LinearAlgebraBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ODE", package: "BenzoSim"),
            ],
            path: "LinearAlgebra",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Every method on PK dosing, an orbit, Robertson and Van der Pol, with solver statistics.
        .executableTarget(
            name: "SolverBenchmarks",
            dependencies: [
                "BenchmarkProblems",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ODE", package: "BenzoSim"),
                .product(name: "Pharmacology", package: "BenzoSim"),
            ],
            path: "Solvers",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Throughput: one-compartment subjects to memory and to CSV, a diazepam population through
        // the Sweep engine on one thread and on all cores.
        .executableTarget(
            name: "ThroughputBenchmarks",
            dependencies: [
                "BenchmarkProblems",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ODE", package: "BenzoSim"),
                .product(name: "Pharmacology", package: "BenzoSim"),
                .product(name: "Sweep", package: "BenzoSim"),
            ],
            path: "Throughput",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Percentile bands: a 10,000-subject population with and without --percentiles 5,50,95.
        .executableTarget(
            name: "BandsBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Pharmacology", package: "BenzoSim"),
                .product(name: "Sweep", package: "BenzoSim"),
            ],
            path: "Bands",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A Sobol' analysis of 8 parameters, N = 1024 (10,240 runs of 450 days) through the Sweep engine.
        .executableTarget(
            name: "SensitivityBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Analysis", package: "BenzoSim"),
                .product(name: "Sweep", package: "BenzoSim"),
            ],
            path: "Sensitivity",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Taper design (Analysis): one patient's optimal schedule, a 200-subject population's.
        .executableTarget(
            name: "TaperBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Analysis", package: "BenzoSim"),
                .product(name: "Pharmacology", package: "BenzoSim"),
                .product(name: "Sweep", package: "BenzoSim"),
            ],
            path: "Taper",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Side-by-side comparison with CVODE and SciPy (Comparison/run.sh); plain executable, no plugin.
        .executableTarget(
            name: "ComparisonRunner",
            dependencies: [
                "BenchmarkProblems",
                .product(name: "ODE", package: "BenzoSim"),
                .product(name: "Pharmacology", package: "BenzoSim"),
            ],
            path: "ComparisonRunner"
        ),
    ]
)
