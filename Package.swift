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
        // Counts heap allocations per thread by interposing malloc; used to prove zero-allocation steps.
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "ODETests", dependencies: ["ODE", "AllocationCounter"], path: "Tests/ODETests"),
        .testTarget(name: "PharmacologyTests", dependencies: ["Pharmacology", "ODE"], path: "Tests/PharmacologyTests"),
        .executableTarget(name: "OralDosingExample", dependencies: ["ODE"], path: "Examples/OralDosing"),
        .executableTarget(name: "DiazepamTaperExample", dependencies: ["Pharmacology"], path: "Examples/DiazepamTaper"),
        .executableTarget(name: "ParameterTableExample", dependencies: ["Pharmacology"], path: "Examples/ParameterTable"),
        .executableTarget(name: "DampedOscillatorExample", dependencies: ["ODE"], path: "Examples/DampedOscillator"),
    ]
)
