import ArgumentParser
import ODE

/// `benzosim methods`: the solvers and what each is for.
struct Methods: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the ODE solvers (use with --method).")

    func run() {
        for method in ODEMethod.allCases { print(method.description) }
        print("default: dop853, with the PK solved exactly between doses (--pk exact): only the six slow, non-stiff")
        print("PD states are integrated; with --pk integrated (all 12 states, moderately stiff) rodas5p.")
        print("In simulations dp5 and dop853 hand over to rodas5p while a subject is stiff.")
    }
}
