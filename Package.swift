// swift-tools-version: 6.1
// BenzoSim: diazepam pharmacology on a fast Swift ODE core.
// Benchmarks live in their own package under Benchmarks/ so that the test build stays light.
import PackageDescription

let package = Package(
    name: "BenzoSim",
    products: [
        // The solver core: usable for any ODE, knows nothing about drugs.
        .library(name: "ODE", targets: ["ODE"]),
        // The diazepam reference model, doses, regimens and simulation, on top of ODE.
        .library(name: "Pharmacology", targets: ["Pharmacology"]),
        // Scenario files, sweeps, virtual populations, parallel and sharded execution, CSV output.
        .library(name: "Sweep", targets: ["Sweep"]),
        // Questions asked of many runs: taper design, sensitivity analysis (local, Morris, Sobol).
        .library(name: "Analysis", targets: ["Analysis"]),
        // Drawing: SVG panels (axes, ticks, lines, bands, legend) and the HTML report; no pharmacology.
        .library(name: "Report", targets: ["Report"]),
        .executable(name: "benzosim", targets: ["benzosim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // lapacke.h + cblas.h from OpenBLAS (Debian: liblapacke-dev, libopenblas-dev).
        .systemLibrary(
            name: "CLAPACK",
            path: "Sources/CLAPACK",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(name: "ODE", dependencies: ["CLAPACK"], path: "Sources/ODE"),
        .target(name: "Pharmacology", dependencies: ["ODE"], path: "Sources/Pharmacology"),
        .target(name: "Sweep", dependencies: ["Pharmacology", "ODE", "Yams", "TOMLKit"], path: "Sources/Sweep"),
        .target(name: "Analysis", dependencies: ["Sweep", "Pharmacology", "ODE"], path: "Sources/Analysis"),
        .target(name: "Report", path: "Sources/Report"),
        .executableTarget(name: "benzosim", dependencies: [
            "Analysis", "Report", "Sweep", "Pharmacology", "ODE", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/benzosim"),
        // Counts heap allocations per thread by interposing malloc; used to prove zero-allocation steps.
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "ODETests", dependencies: ["ODE", "AllocationCounter"], path: "Tests/ODETests"),
        .testTarget(name: "PharmacologyTests", dependencies: ["Pharmacology", "ODE", "AllocationCounter"], path: "Tests/PharmacologyTests"),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "Pharmacology", "ODE"], path: "Tests/SweepTests"),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Sweep", "Pharmacology", "ODE"], path: "Tests/AnalysisTests"),
        .testTarget(name: "ReportTests", dependencies: ["Report"], path: "Tests/ReportTests"),
        // End-to-end: runs the built `benzosim` executable.
        .testTarget(name: "BenzosimTests", dependencies: ["benzosim"], path: "Tests/BenzosimTests"),
        .executableTarget(name: "OralDosingExample", dependencies: ["ODE"], path: "Examples/OralDosing"),
        .executableTarget(name: "DiazepamTaperExample", dependencies: ["Pharmacology"], path: "Examples/DiazepamTaper"),
        .executableTarget(name: "ParameterTableExample", dependencies: ["Pharmacology"], path: "Examples/ParameterTable"),
        .executableTarget(name: "DampedOscillatorExample", dependencies: ["ODE"], path: "Examples/DampedOscillator"),
    ]
)
