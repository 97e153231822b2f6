// Scenario files in YAML (`ScenarioFile.parse`, format .yaml): any text is a scenario or an
// `InputError`. An `event_table` the input names is looked up under a directory that does not
// exist; scripts/fuzz.sh gives the process /dev/null as stdin in case one names /dev/stdin.
import FuzzDriver
import Sweep

runFuzzer { data, size in
    _ = try? ScenarioFile.parse(text: fuzzText(data, size), format: .yaml, file: "fuzz.yaml",
                                baseDirectory: "/nonexistent-fuzz-directory")
    return 0
}
