import Foundation
import Testing

/// `--set NAME=VALUE` on a value that a column of the `--events` table also gives: the data wins
/// where it has a value (Docs/EVENT_TABLES.md §6), the `--set` applies to the subjects whose cells
/// are empty, and the run says so once on standard error and in the manifest, in every command.
@Suite struct SetOverEventColumnTests {
    /// Subject 1 has its own CL (1.2 L/h), subject 2 none: a 10 mg IV bolus into the central compartment.
    static let table = """
        ID,TIME,AMT,CMT,EVID,CL
        1,0,10,2,1,1.2
        1,24,0,2,0,1.2
        2,0,10,2,1,.
        2,24,0,2,0,.
        """

    /// DZ plasma concentration (ng/mL) of the two-compartment model after an IV bolus `dose` (mg)
    /// at t = 0, by hand: C(t) = D/V1 · (A e^{−αt} + B e^{−βt}), α, β the roots of
    /// λ² − (k10 + k12 + k21) λ + k10·k21, A = (α − k21)/(α − β), B = (k21 − β)/(α − β). The
    /// reference man (70 kg, 30 y) has no covariate factors; V1 16 L, V2 55 L, Q 8 L/h.
    static func bolus(clearance: Double, at t: Double, dose: Double = 10) -> Double {
        let v1 = 16.0, v2 = 55.0, q = 8.0
        let k10 = clearance / v1, k12 = q / v1, k21 = q / v2
        let sum = k10 + k12 + k21, root = (sum * sum - 4 * k10 * k21).squareRoot()
        let alpha = (sum + root) / 2, beta = (sum - root) / 2
        let a = (alpha - k21) / (alpha - beta), b = (k21 - beta) / (alpha - beta)
        return dose / v1 * (a * exp(-alpha * t) + b * exp(-beta * t)) * 1000   // mg/L → ng/mL
    }

    static let note = "benzosim: note: t.csv: column CL gives CL for 1 of 2 subjects, which use the data's values: "
        + "a value of the data wins over --set (Docs/EVENT_TABLES.md §6); --set CL=1.9 applies only to the 1 whose CL cells "
        + "are empty (ID 2). To use 1.9 for every subject, drop the column CL from t.csv; to use the data's values alone, drop --set CL=1.9"

    /// The concentration column of `csv` (id,time_h,dz_plasma_ng_per_mL rows) by ID.
    static func concentrations(_ csv: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",")
            result[String(cells[0])] = Double(cells[2])
        }
        return result
    }

    /// The manifest's settings.
    static func settings(_ runner: CommandRunner, _ name: String) throws -> [String: String] {
        let data = try #require(try runner.read(name).data(using: .utf8))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["settings"] as? [String: String])
    }

    static func relative(_ x: Double?, _ y: Double) -> Double { abs((x ?? .nan) - y) / y }

    @Test(arguments: ["simulate", "population", "sweep"])
    func dataWinsOverSetWhereItHasAValueAndTheRunSaysSo(command: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("t.csv", Self.table)
        let common = ["--events", "t.csv", "--set", "CL=1.9", "--outputs", "dz_plasma_ng_per_mL", "--quiet"]
        let arguments: [String]
        switch command {
        case "simulate": arguments = ["simulate"] + common + ["-o", "out.csv"]
        case "population": arguments = ["population"] + common + ["--count", "2", "-o", "out.csv", "--trajectories", "traj.csv"]
        default: arguments = ["sweep"] + common + ["--grid", "k_syn=0.004", "-o", "out.csv", "--trajectories", "traj.csv"]
        }
        let result = try runner.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        // Said once (whatever --quiet), in the manifest too.
        #expect(result.stderr.components(separatedBy: Self.note).count == 2, "\(result.stderr)")
        #expect(try Self.settings(runner, "out.csv.manifest.json")["event_table_over_set"] == String(Self.note.dropFirst("benzosim: note: t.csv: ".count)))
        let values = Self.concentrations(try runner.read(command == "simulate" ? "out.csv" : "traj.csv"))
        let ids = command == "sweep" ? ("1/1", "1/2") : ("1", "2")
        #expect(Self.relative(values[ids.0], Self.bolus(clearance: 1.2, at: 24)) < 1e-9, "\(values)")   // the data's CL
        #expect(Self.relative(values[ids.1], Self.bolus(clearance: 1.9, at: 24)) < 1e-9, "\(values)")   // the --set CL
    }

    @Test func everySubjectGivenAndTimeVarying() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("t.csv", "ID,TIME,AMT,CMT,EVID,CL,WT\n1,0,10,2,1,1.2,60\n1,24,0,2,0,1.3,60\n2,0,10,2,1,1.5,70\n2,24,0,2,0,1.5,70\n")
        let result = try runner.run("validate", "--events", "t.csv", "--set", "CL=1.9", "--set", "weight=80", "--set", "weight=75")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("benzosim: note: t.csv: column CL (changing with time) gives CL for every subject (2), so --set CL=1.9 is not used: a value of the data wins over --set (Docs/EVENT_TABLES.md §6). To use 1.9, drop the column CL from t.csv; to use the data's values, drop --set CL=1.9\n"), "\(result.stderr)")
        // The --set applied is the last of a name: one note, for weight=75.
        #expect(result.stderr.contains("column WT gives weight for every subject (2), so --set weight=75 is not used"))
        #expect(!result.stderr.contains("weight=80"))
    }

    @Test func noNoteWithoutAConflict() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("t.csv", Self.table)
        let result = try runner.run("simulate", "--events", "t.csv", "--set", "k_syn=0.005", "-o", "out.csv", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("note"), "\(result.stderr)")
        let settings = try Self.settings(runner, "out.csv.manifest.json")
        #expect(settings["event_table_over_set"] == nil)
        #expect(settings["event_table_columns"]?.contains("CL → parameter CL (L/h)") == true)
    }
}
