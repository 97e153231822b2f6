import Foundation
import Testing

/// `benzosim taper --from` with a steady-state (`ss`) maintenance designs from the steady state,
/// never from no drug: the same design as the steady state written out as 200 days of doses
/// (the first dose's residual after 200 days is below 1e-12 of the steady state, and the slowest
/// PD adaptation has converged: `RegimenSteadyStateTests`).
@Suite struct TaperSteadyStateCommandTests {
    @Test func steadyStateMaintenanceGivesTheDesignOfTwoHundredExplicitDays() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var designs: [(schedule: String, regimen: String, trajectory: [Substring])] = []
        for from in ["10mg po q24h ss; then 10mg po q24h for 7d", "10mg po q24h for 200d; then 10mg po q24h for 7d"] {
            let result = try runner.run("taper", "--from", from, "--max-withdrawal", "0.015", "--tablets", "2mg,5mg,10mg",
                                        "--split", "half", "--min-step", "7d", "--max-step", "21d",
                                        "--regimen-file", "regimen.txt", "--trajectory", "t.csv", "--quiet")
            #expect(result.status == 0, "\(result.stderr)")
            designs.append((result.stdout, try runner.read("regimen.txt"), try runner.read("t.csv").split(separator: "\n")))
        }
        let (ss, explicit) = (designs[0], designs[1])
        // Byte-identical schedules: the same steps, doses, occupancies and peaks (6 digits).
        #expect(ss.schedule == explicit.schedule)
        #expect(ss.schedule.split(separator: "\n").count > 2, "a taper with at least one step: \(ss.schedule)")
        // The same steps after each maintenance text.
        let steps = { (text: String, from: String) in text.trimmingCharacters(in: .newlines).dropFirst(from.count) }
        #expect(steps(ss.regimen, "10mg po q24h ss; then 10mg po q24h for 7d")
                == steps(explicit.regimen, "10mg po q24h for 200d; then 10mg po q24h for 7d"))
        #expect(ss.regimen.hasPrefix("10mg po q24h ss; then 10mg po q24h for 7d; "))

        // The predicted trajectory (hourly from 0 h): the ss dose at 0 h is the last of the 200
        // explicit days (199 before it), so the ss run at hour h is the explicit run at hour
        // h + 199·24. Drug amounts, concentrations and occupancies (exact PK) agree to 1e-9
        // relative; the PD states (dimensionless, near 1) to 1e-5 absolute, the tolerance the PD
        // steady state is found to (rtol 1e-6 per interval; X − 1 near 0 included).
        let shift = 199 * 24
        #expect(explicit.trajectory.count == ss.trajectory.count + shift)
        let header = ss.trajectory[0].split(separator: ",").map(String.init)
        let pk = header.map { $0.hasSuffix("_mg") || $0.hasSuffix("_ng_per_mL") || $0.hasSuffix("_nM") || $0.hasPrefix("occ_") }
        var worstPK = 0.0, worstPD = 0.0
        for k in 1..<ss.trajectory.count {
            let a = ss.trajectory[k].split(separator: ","), b = explicit.trajectory[k + shift].split(separator: ",")
            for j in 2..<header.count {
                let x = Double(a[j])!, y = Double(b[j])!
                if pk[j] { worstPK = max(worstPK, abs(x - y) / max(abs(y), 1e-300)) } else { worstPD = max(worstPD, abs(x - y)) }
            }
        }
        #expect(worstPK < 1e-9, "worst relative PK difference \(worstPK)")
        #expect(worstPD < 1e-5, "worst absolute PD difference \(worstPD)")
        // From the steady state, not from no drug: the plasma DZ at 0 h is the trough at 10 mg/day.
        let first = ss.trajectory[1].split(separator: ",")
        #expect(Double(first[2])! > 100, "dz_plasma at 0 h: \(first[2]) ng/mL")
    }
}
