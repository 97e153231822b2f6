import Foundation
import Testing

/// `benzosim simulate` end to end.
@Suite struct SimulateCommandTests {
    static let scenario = """
    species: human
    regimen: "10mg po q24h for 7d; then stop"
    sampling: {every: 1h, until: 14d}
    solver: {method: rodas5p, rtol: 1e-8, atol: 1e-10}
    """

    @Test func writesTrajectorySummaryAndManifest() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let result = try runner.run("simulate", "s.yaml", "-o", "out.csv", "--summary", "summary.csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try runner.files() == ["out.csv", "out.csv.manifest.json", "s.yaml", "summary.csv"])
        let lines = try runner.read("out.csv").split(separator: "\n")
        #expect(lines[0].hasPrefix("id,time_h,dz_plasma_ng_per_mL,ndz_plasma_ng_per_mL,"))
        #expect(lines.count == 1 + 14 * 24 + 1)             // header + samples 0…336 h
        // The 1-hour sample after the first dose matches the library (P1 scenario: ≈ 369 ng/mL peak near 1 h).
        let oneHour = lines[2].split(separator: ",")
        #expect(oneHour[1] == "1")
        let plasma = Double(oneHour[2])!
        #expect(plasma > 300 && plasma < 400)
        let summary = try runner.read("summary.csv").split(separator: "\n")
        #expect(summary.count == 2 && summary[1].hasPrefix("1,") && summary[1].hasSuffix(",ok,"))
        let manifest = try JSONSerialization.jsonObject(with: Data(try runner.read("out.csv.manifest.json").utf8)) as! [String: Any]
        #expect(manifest["method"] as? String == "rodas5p")
        let settings = manifest["settings"] as! [String: String]
        #expect(settings["pk"] == "exact" && settings["max_step_h"] == "24.0")
        let parameters = manifest["parameters"] as! [String: Any]
        #expect(parameters["V1"] as? Double == 16)
        #expect(parameters.count == 42)
        #expect((manifest["command"] as! [String]).contains("--summary"))
    }

    /// `--pk integrated` (all 12 states by Rodas5P) and the default closed-form PK print the same
    /// numbers to the solvers' accuracy.
    @Test func integratedAndExactPKAgree() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let exact = try runner.run("simulate", "s.yaml", "--every", "6h", "-o", "-")
        let integrated = try runner.run("simulate", "s.yaml", "--every", "6h", "--pk", "integrated", "-o", "-")
        #expect(exact.status == 0 && integrated.status == 0, "\(exact.stderr)\(integrated.stderr)")
        let a = exact.stdout.split(separator: "\n"), b = integrated.stdout.split(separator: "\n")
        #expect(a.count == b.count && a.count == 1 + 14 * 4 + 1)
        var worst = 0.0
        for (x, y) in zip(a.dropFirst(), b.dropFirst()) {
            for (u, v) in zip(x.split(separator: ",").dropFirst(), y.split(separator: ",").dropFirst()) {
                let p = Double(u)!, q = Double(v)!
                worst = max(worst, abs(p - q) / max(abs(q), 1e-6))
            }
        }
        #expect(worst < 1e-6, "worst relative difference \(worst)")
    }

    @Test func longFormatAndStandardOutput() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("simulate", "--regimen", "5mg iv once", "--times", "0,1,2", "--until", "2h",
                                    "--format", "long", "-o", "-")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines[0] == "id,time_h,name,value,unit")
        #expect(lines.count == 1 + 3 * 26)                  // 26 outputs × 3 times
        // A 5 mg IV bolus at t = 0: the sample at 0 is the pre-dose state, at 1 h part has distributed.
        #expect(lines.contains("1,0,dz_central,0,mg"))
        let central = lines.first { $0.hasPrefix("1,1,dz_central,") }.map { Double($0.split(separator: ",")[3])! }
        #expect(central.map { $0 > 2 && $0 < 5 } == true)
        #expect(lines.first { $0.hasPrefix("1,1,dz_central,") }?.hasSuffix(",mg") == true)
        #expect(try runner.files().isEmpty)                   // nothing written to disk for -
    }

    @Test func setOverridesAndCovariatesChangeTheResult() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        _ = try runner.run("simulate", "s.yaml", "-o", "young.csv", "--summary", "young_s.csv", "--quiet")
        _ = try runner.run("simulate", "s.yaml", "--set", "age=80", "-o", "old.csv", "--summary", "old_s.csv", "--quiet")
        func auc(_ file: String) throws -> Double {
            let rows = try runner.read(file).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            return Double(rows[1][rows[0].firstIndex(of: "dz_auc_ng_h_per_mL")!])!
        }
        // Same clearance, larger volume: the elderly subject's terminal phase is longer and Cmax lower,
        // but over 14 days the AUC is nearly the same; the trajectories themselves must differ.
        #expect(try runner.read("young.csv") != runner.read("old.csv"))
        #expect(abs(try auc("old_s.csv") / auc("young_s.csv") - 1) < 0.5)
    }

    /// Identical inputs give byte-identical CSV.
    @Test func outputIsDeterministic() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        _ = try runner.run("simulate", "s.yaml", "-o", "a.csv", "--quiet")
        _ = try runner.run("simulate", "s.yaml", "-o", "b.csv", "--quiet")
        #expect(try runner.read("a.csv") == runner.read("b.csv"))
    }
}

/// The summary row is read from the model, not from `--every`: daily and 15-minute sampling write
/// byte-identical summaries through the CLI.
@Suite struct SimulateSummarySamplingTests {
    @Test func summaryIsTheSameForCoarseAndFineSampling() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", """
        species: human
        regimen: "10mg po q24h for 28d; then 5mg po q24h for 14d; then stop"
        sampling: {every: 1h, until: 70d}
        """)
        let coarse = try runner.run("simulate", "s.yaml", "--every", "24h", "-o", "a.csv", "--summary", "a_summary.csv")
        let fine = try runner.run("simulate", "s.yaml", "--every", "15min", "-o", "b.csv", "--summary", "b_summary.csv")
        #expect(coarse.status == 0 && fine.status == 0, "\(coarse.stderr)\(fine.stderr)")
        let a = try runner.read("a_summary.csv"), b = try runner.read("b_summary.csv")
        #expect(a == b)
        let header = a.split(separator: "\n")[0].split(separator: ",").map(String.init)
        let row = a.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let value = { (name: String) in Double(row[header.firstIndex(of: name)!])! }
        // Daily samples would give a DZ Cmax near the 24 h trough; the model's is the 1-h peak.
        #expect(value("dz_cmax_ng_per_mL") > 500 && value("dz_tmax_h") > 24 * 27)
        #expect(value("tolerance_ratio") > 0 && value("tolerance_ratio") < 1)
        #expect(value("maintenance_end_h") == 27 * 24 && value("maintenance_dose_mg") == 10)
        #expect(value("dz_t90ss_h") > 72 && value("dz_ctrough_ss_ng_per_mL") < value("dz_cavg_ss_ng_per_mL"))
    }
}

/// Covariates the mouse model ignores are refused with the reason, not silently dropped.
@Suite struct MouseCovariateCommandTests {
    @Test func mouseWithAgeAndPhenotypeIsRefused() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("m.yaml", "species: mouse\nregimen: 0.125mg ip daily for 7d\n")
        let result = try runner.run("simulate", "m.yaml", "--set", "cyp2c19=poor", "--set", "age=80", "-o", "out.csv")
        #expect(result.status == 64 || result.status == 65, "\(result.status)")
        #expect(result.stderr.contains("no effect on a mouse"), "\(result.stderr)")
        #expect(try !runner.files().contains("out.csv"))
    }
}

/// The values a subject is simulated with are written out: in the manifest, and per subject of a
/// population with `--subject-parameters`.
@Suite struct ResolvedParameterCommandTests {
    @Test func manifestRecordsTheSubjectsResolvedValues() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", "regimen: 10mg po q24h for 2d\n")
        let result = try runner.run("simulate", "s.yaml", "--set", "age=75", "--set", "cyp2c19=poor", "-o", "out.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(try runner.read("out.csv.manifest.json").utf8)) as! [String: Any]
        let resolved = manifest["resolved"] as! [String: Double]
        // Covariates documentation: CL × (1 − 0.0045·(75 − 30)) for a man × 0.22 for a poor metaboliser; V1 unchanged.
        #expect(abs(resolved["CL"]! - 1.6 * (1 - 0.0045 * 45) * 0.22) < 1e-12)
        #expect(resolved["V1"] == 16 && resolved["V2"]! > 55)
        #expect(abs(resolved["t_half_ndz"]! - log(2) * resolved["V_ndz"]! / resolved["CL_ndz"]!) < 1e-9)
        #expect((manifest["parameters"] as! [String: Any])["CL"] as? Double == 1.6)     // the reference value
    }

    @Test func populationWritesEachSubjectsResolvedValues() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", "regimen: 10mg po q24h for 2d\nsampling: {every: 6h, until: 3d}\n")
        let result = try runner.run("population", "s.yaml", "--count", "4", "--bsv", "CL=0.3", "--age-uniform", "20:80",
                                    "-o", "pop.csv", "--subject-parameters", "subjects.csv", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try runner.read("subjects.csv").split(separator: "\n")
        #expect(lines.count == 5)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.prefix(4) == ["id", "V1_L", "V2_L", "Vss_dz_L"] && header.contains("t_half_dz_h") && header.contains("k_tspo_per_h"))
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        let cl = rows.map { Double($0[header.firstIndex(of: "CL_L_per_h")!])! }
        #expect(Set(cl).count == 4)                                                     // every subject its own
        for row in rows {
            let v = { (name: String) in Double(row[header.firstIndex(of: name)!])! }
            #expect(abs(v("Vss_dz_L") - v("V1_L") - v("V2_L")) < 1e-9)
            #expect(abs(v("t_half_ndz_h") - log(2) * v("V_ndz_L") / v("CL_ndz_L_per_h")) < 1e-9)
        }
        #expect(rows.map { $0[0] } == ["1", "2", "3", "4"])
    }
}
