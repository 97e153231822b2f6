import Foundation
import Sweep

extension SensitivityDesign {
    /// The default local step h: the cube root of the relative accuracy of the outputs. A central
    /// difference has truncation error ∝ h² and noise error ∝ ε/h, smallest at h ∝ ε^(1/3) (Press
    /// et al., Numerical Recipes, 3rd ed., § 5.7). For a function exact to machine precision ε
    /// would be 2⁻⁵² (h ≈ 6e-6), but the model's outputs are only as accurate as the solver's
    /// relative tolerance, so ε = max(2⁻⁵², rtol): h ≈ 0.01 at rtol 1e-6, 0.002 at 1e-8.
    public static func defaultLocalStep(rtol: Double) -> Double {
        cbrt(max(Double.ulpOfOne, rtol))
    }

    /// Central differences around `base` (the scenario's values, one per parameter): run 0 is the
    /// base, then for each parameter a `minus` and a `plus` run moving only that parameter.
    /// On a linear scale the step is p(1 ± h) (h·(upper − lower) when p = 0); on a log scale
    /// p·e^(±h), a step of h in ln p. A side that would leave the parameter's range is replaced by
    /// the base value (a one-sided difference); the ranges only bound the steps here.
    /// - Throws: a usage `InputError` for no parameters, a repeated name, a base value that is not
    ///   finite or outside its range, or h not in (0, 0.5).
    public static func local(_ parameters: [ParameterRange], at base: [Double], relativeStep h: Double) throws(InputError) -> SensitivityDesign {
        precondition(base.count == parameters.count, "one base value per parameter")
        guard !parameters.isEmpty else { throw InputError(.usage, field: "--params", "no parameters to analyse: give at least one") }
        var seen = Set<String>()
        for (p, b) in zip(parameters, base) {
            guard seen.insert(p.name).inserted else {
                throw InputError(.usage, field: p.name, "\(p.name) is given more than once: expected each name once")
            }
            guard b.isFinite, b >= p.lower, b <= p.upper, p.scale == .linear || b > 0 else {
                throw InputError(.data, field: p.name, "\(p.name) = \(b) at the scenario: local sensitivity needs a finite value inside \(p.lower)…\(p.upper)\(p.scale == .log ? " and > 0" : "")")
            }
        }
        guard h > 0 && h < 0.5 else { throw InputError(.usage, field: "--step", "--step \(h): expected a relative step in (0, 0.5), e.g. 0.01") }
        let d = parameters.count
        var points = [Point(group: 1, role: "base", varied: nil, step: 0)]
        var values = base
        for i in 0..<d {
            let p = parameters[i], b = base[i]
            for (role, sign) in [("minus", -1.0), ("plus", 1.0)] {
                var x: Double, offset: Double
                switch p.scale {
                case .linear:
                    offset = sign * h * (b != 0 ? abs(b) : p.upper - p.lower)
                    x = b + offset
                case .log:
                    offset = sign * h
                    x = b * exp(offset)
                }
                if x < p.lower || x > p.upper { (x, offset) = (b, 0) }
                var row = base
                row[i] = x
                values += row
                points.append(Point(group: 1, role: role, varied: i, step: offset))
            }
        }
        return SensitivityDesign(method: .local(step: h), parameters: parameters, points: points, values: values, base: base)
    }
}

/// Local coefficients from a central (or, at a range bound, one-sided) difference:
/// g = (f₊ − f₋) / (s₊ − s₋) with s the offset in the differentiation variable; on a linear scale
/// ∂f/∂p = g and the normalised coefficient is g·p/f; on a log scale g = ∂f/∂ln p, so the
/// normalised coefficient is g/f and ∂f/∂p = g/p.
enum LocalEstimator {
    /// `(derivative, normalized)` of parameter i from `f` (one output, in design order).
    static func coefficients(_ f: [Double], design: SensitivityDesign, parameter i: Int) -> (derivative: Double, normalized: Double) {
        let minus = 1 + 2 * i, plus = 2 + 2 * i
        let span = design.points[plus].step - design.points[minus].step
        guard span != 0 else { return (.nan, .nan) }
        let g = (f[plus] - f[minus]) / span
        let p = design.base[i], y = f[0]
        switch design.parameters[i].scale {
        case .linear: return (g, g * p / y)
        case .log: return (g / p, g / y)
        }
    }
}
