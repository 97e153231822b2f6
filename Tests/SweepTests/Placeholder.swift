import Testing
import Sweep

@Test func inputProblemDescribesItsLocation() {
    let p = InputProblem(file: "s.yaml", line: 3, column: 7, field: "covariates.weight", message: "expected a number")
    #expect(p.description == "s.yaml:3:7: covariates.weight: expected a number")
    #expect(InputError(.usage, "x").exitCode == 64)
}
