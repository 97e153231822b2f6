// Abrupt stop vs a taper after six months of diazepam 10 mg/day (reference human), with the
// reference model: hourly outputs of both scenarios to one CSV, and a summary of each.
//
//   swift run -c release DiazepamTaperExample [output.csv]      (default: diazepam_taper.csv)
import Foundation
import Pharmacology

let output = CommandLine.arguments.dropFirst().first ?? "diazepam_taper.csv"

do {
    let model = try DiazepamModel()                                    // 70 kg, 30 y, CYP2C19 normal
    let maintenance = try Regimen.repeated(10, every: 24, count: 182)   // 10 mg q24h, 26 weeks
    let taper = try Regimen.taper(from: 10, every: 24, cut: .fraction(0.10), everyDays: 14,
                                  smallestStep: 0.5, tabletSize: 0.5, startingAt: 182 * 24, cutsAtStart: true)
    let scenarios = [("abrupt stop", maintenance), ("taper 10% every 2 weeks", maintenance + taper)]
    let end = 450.0 * 24
    let samples = Array(stride(from: 0.0, through: end, by: 1))
    let columns = OutputVariable.allCases

    var csv = "scenario,time_h," + columns.map(\.columnName).joined(separator: ",") + "\n"
    for (name, regimen) in scenarios {
        let (trajectory, summary) = try simulateWithSummary(model, regimen: regimen, sampleTimes: samples, endTime: end)
        for (i, t) in trajectory.times.enumerated() {
            let state = trajectory.state(at: i)
            let outputs = model.outputs(at: Array(state))
            csv += "\(name),\(t)," + columns.map { String($0.value(state: state, outputs: outputs)) }.joined(separator: ",") + "\n"
        }
        print("\(name): last dose day \(Int(regimen.lastDoseTime! / 24)), "
              + String(format: "peak withdrawal %.4f on day %.1f, %.1f days above %.2f, ",
                       summary.peakWithdrawal, summary.peakWithdrawalTime / 24, summary.withdrawalDays, summary.withdrawalThreshold)
              + String(format: "min synapses %.3f, DZ Cmax %.0f ng/mL, tolerance ratio %.2f",
                       summary.minimumSynapses, summary.dz.cmax, summary.toleranceRatio))
    }
    // Write to a temporary name, then rename: an interrupted run never leaves a partial CSV.
    let temporary = output + ".partial"
    try csv.write(toFile: temporary, atomically: false, encoding: .utf8)
    guard rename(temporary, output) == 0 else { throw CocoaError(.fileWriteUnknown) }
    print("wrote \(output) (\(2 * samples.count) rows, \(columns.count + 2) columns)")
} catch {
    FileHandle.standardError.write(Data("diazepam taper example failed: \(error)\n".utf8))
    exit(1)
}
