import ArgumentParser
import ODE

/// `benzosim methods`: the solvers and what each is for.
struct Methods: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the ODE solvers (use with --method).")

    func run() {
        for method in ODEMethod.allCases { print(method.description) }
        print("default: dop853, with the PK solved exactly between doses (--pk exact): only the six slow, non-stiff")
        print("PD states are integrated. With --pk integrated all 12 states are, and the model is moderately stiff:")
        print("rodas5p or auto suit it.")
    }
}
