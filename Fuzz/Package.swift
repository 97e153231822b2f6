// swift-tools-version: 6.1
// libFuzzer harnesses for BenzoSim's text inputs, kept out of the main package so that
// `swift build`/`swift test` there never build them. Build and run from the repository root:
//   scripts/fuzz.sh TARGET SECONDS        (see README.md here)
// which builds with `swift build -c release -Xswiftc -sanitize=fuzzer,address` in this directory.
import PackageDescription

/// One executable per input language; each main.swift hands its entry to `LLVMFuzzerRunDriver`.
func harness(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver"] + products.map { .product(name: $0, package: "BenzoSim") },
        path: "Harnesses/\(name.dropFirst("Fuzz".count))"
    )
}

let package = Package(
    name: "BenzoSimFuzz",
    dependencies: [
        .package(name: "BenzoSim", path: ".."),
    ],
    targets: [
        // The declaration of libFuzzer's LLVMFuzzerRunDriver (the library comes with -sanitize=fuzzer).
        .systemLibrary(name: "CLibFuzzer", path: "CLibFuzzer"),
        // `runFuzzer`: the shared main, handing each harness's entry to libFuzzer.
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"], path: "Driver"),
        harness("FuzzRegimen", ["Pharmacology"]),
        harness("FuzzEventTable", ["Pharmacology"]),
        harness("FuzzScenarioYAML", ["Sweep"]),
        harness("FuzzScenarioTOML", ["Sweep"]),
        harness("FuzzScenarioJSON", ["Sweep"]),
    ]
)
