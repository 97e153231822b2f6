import ArgumentParser
import ODE

/// `benzosim methods`: the solvers and what each is for.
struct Methods: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the ODE solvers (use with --method).")

    func run() {
        for method in ODEMethod.allCases { print(method.description) }
        print("default: rodas5p (the model is moderately stiff; its analytic Jacobian is used)")
    }
}
