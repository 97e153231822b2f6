// Your own PK model on BenzoSim's ODE core: a linear oral two-compartment model
// (depot → central ↔ peripheral, elimination from central), 10 mg every 24 h for 14 days,
// hourly concentrations written to a CSV file.
//
//   swift run -c release OralDosingExample [output.csv]     (default: oral_dosing.csv)
import Foundation
import ODE

/// Amounts in mg, time in h, volumes in L, clearances in L/h.
struct OralTwoCompartment: ODESystem {
    var ka = 2.2     // absorption rate constant, 1/h
    var cl = 1.6     // clearance, L/h
    var v1 = 21.0    // central volume, L
    var q = 15.0     // intercompartmental clearance, L/h
    var v2 = 55.0    // peripheral volume, L
    var dimension: Int { 3 }

    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        let central = y[1] / v1, peripheral = y[2] / v2
        dy[0] = -ka * y[0]
        dy[1] = ka * y[0] - cl * central - q * (central - peripheral)
        dy[2] = q * (central - peripheral)
    }
}

let output = CommandLine.arguments.dropFirst().first ?? "oral_dosing.csv"
let model = OralTwoCompartment()
let doseTimes = (0..<14).map { Double($0) * 24 }           // h
var problem = ODEProblem(system: model, initialState: [0, 0, 0], from: 0, to: 14 * 24)
problem.stopTimes = doseTimes                               // land exactly on every dose
problem.onStop = { _, _, y in y[0] += 10 }                  // 10 mg into the depot
problem.saveTimes = Array(stride(from: 0.0, through: 14 * 24, by: 1))

do {
    let solution = try problem.solve(method: .dormandPrince54, options: SolverOptions(rtol: 1e-8, atol: .scalar(1e-12)))
    var csv = "time_h,depot_mg,central_mg,peripheral_mg,plasma_ng_per_mL\n"
    for (i, t) in solution.times.enumerated() {
        let y = Array(solution.state(at: i))
        csv += "\(t),\(y[0]),\(y[1]),\(y[2]),\(y[1] / model.v1 * 1000)\n"   // mg/L → ng/mL
    }
    // Write to a temporary name and rename, so a failed run never leaves a partial file.
    let url = URL(fileURLWithPath: output)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
    try csv.write(to: temporary, atomically: false, encoding: .utf8)
    guard rename(temporary.path, url.path) == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
    let troughDay14 = solution.state(at: solution.times.count - 1)
    print("wrote \(url.path) (\(solution.times.count) rows); trough after 14 days: "
          + String(format: "%.1f ng/mL", troughDay14[troughDay14.startIndex + 1] / model.v1 * 1000))
    print(solution.statistics)
} catch {
    FileHandle.standardError.write(Data("oral dosing example failed: \(error)\n".utf8))
    exit(1)
}
