import Foundation
import Testing

/// Bad input, end to end: every case names the file, line and column or the option, the value and
/// what is expected; usage errors exit 64, data errors 65, unreadable files 66, unwritable outputs
/// 73; and no output file is created.
@Suite struct BadInputTests {
    /// (arguments, expected exit code, text the error must contain)
    static let cases: [([String], Int32, String)] = [
        (["simulate", "--regimen=-5mg po q24h for 7d"], 65,
         "--regimen: column 1: the amount must be greater than 0: expected an amount such as 10mg, found '-5mg'"),
        (["simulate", "--regimen", "nanmg po q24h for 7d"], 65, "--regimen: column 1: the amount must be a finite number"),
        // Found by fuzzing: a taper step of 40,993 weeks expanded 5.7 million daily doses first.
        (["simulate", "--regimen", "10mg po at 22h daily for 090d; taper 11% q40993w"], 65, "at most 1000000 doses"),
        (["simulate", "ok.yaml", "--set", "k_sin=1"], 64,
         "k_sin: unknown name 'k_sin': not a parameter, covariate or regimen placeholder {k_sin} (did you mean 'k_syn'?)"),
        (["simulate", "ok.yaml", "--set", "V1=500"], 65, "V1: parameter V1 = 500.0 L is outside its plausible range 15.0–30.0 L"),
        (["simulate", "--regimen", "10mg po q24x for 7d"], 65,
         "--regimen: column 12: expected a unit of time (h, d, w or min) after '24', found 'x'"),
        (["simulate", "--events", "noamt.csv"], 65, "noamt.csv:1:3: DOSE: missing required column AMT"),
        (["simulate", "--events", "tmie.csv"], 65, "tmie.csv:1:2: TMIE: missing required column TIME;"),
        (["simulate", "--events", "unsorted.csv"], 65, "unsorted.csv:3:2: TIME 2 h is before 5 h on line 2 for subject 1 (unsorted times)"),
        (["simulate", "--events", "negamt.csv"], 65, "negamt.csv:2:3: AMT \"-10\" is negative"),
        (["sweep", "ok.yaml", "--grid", "V1=16,20", "--shard", "5/4"], 64, "shard 5/4: K must be between 1 and N"),
        (["sweep", "ok.yaml", "--grid", "V1=16,20", "--shard", "0/4"], 64, "shard 0/4: K must be between 1 and N"),
        (["simulate", "ok.yaml", "--rtol", "0"], 64, "--rtol 0.0 must be a number between 0 and 1"),
        (["simulate", "ok.yaml", "--rtol=-1e-6"], 64, "--rtol -1e-06 must be a number between 0 and 1"),
        (["simulate", "missing.yaml"], 66, "missing.yaml: cannot read the scenario file: No such file or directory"),
        (["simulate", "empty.yaml"], 65, "empty.yaml: file is empty: expected a scenario with at least a regimen"),
        (["simulate", "typo.yaml"], 65, "typo.yaml:2:1: regimn: unknown key 'regimn' (did you mean 'regimen'?)"),
        (["simulate", "weight.yaml"], 65, "weight.yaml:3:22: covariates.weight: expected a number (body weight in kg), found \"seventy\""),
        (["simulate", "syntax.yaml"], 65, "syntax.yaml:3:1: invalid YAML"),
        (["simulate", "syntax.toml"], 65, "syntax.toml:2:11: invalid TOML"),
        (["simulate", "syntax.json"], 65, "syntax.json:1:48: invalid JSON: expected a key after ',', found '}' (trailing comma)"),
        (["simulate", "method.yaml"], 65, "method.yaml:3:18: solver.method: expected one of dp5, dop853, rodas5p, bdf or auto, found \"euler\""),
        (["simulate", "pk.yaml"], 65, "pk.yaml:3:14: solver.pk: expected exact or integrated, found \"analytic\""),
        (["simulate", "ok.yaml", "--pk", "closed"], 64, "--pk 'closed' is not a PK solution; use exact or integrated"),
        (["simulate", "ok.yaml", "--every", "1x"], 64, "--every '1x' is not a duration > 0"),
        (["simulate", "--species", "rat", "--regimen", "10mg po once"], 64, "--species 'rat' is not a species; use human or mouse"),
        (["simulate", "ok.yaml", "--format", "tall"], 64, "--format 'tall' is not supported; use wide or long"),
        (["simulate", "ok.yaml", "--set", "weight=-70"], 65, "weight = -70.0 kg is outside 20.0–250.0 kg for a human"),
        (["sweep", "ok.yaml", "--grid", "V1=16,,20"], 64, "--grid: 'V1=16,,20' has an empty value"),
        (["population", "ok.yaml", "--count", "10", "--cyp2c19", "0.5,0.3,0.3"], 64, "= 1.1: expected them to sum to 1"),
        (["sweep", "ok.yaml"], 64, "give exactly one design"),
        (["simulate", "scenario.txt"], 64, "cannot tell the scenario format from the extension \".txt\": expected .yaml, .yml, .toml or .json"),
        (["population", "ok.yaml", "--count", "5", "--bsv", "NOTAPARAM=0.3"], 64, "--bsv: 'NOTAPARAM' is not a parameter"),
        (["sweep", "ok.yaml", "--list", "runs.csv"], 65, "runs.csv:2: 1 values for 2 names (dose,weight)"),
        (["simulate", "ok.yaml", "--bogus"], 64, "Unknown option '--bogus'"),
        // Size and sanity limits: the message names the limit and how to raise it.
        (["simulate", "ok.yaml", "--until", "1e308"], 64, "--until 1e308 is 1e+308 h (1.14077e+304 years); the limit is 876600 h (100 years) (raise it with --max-span"),
        (["simulate", "ok.yaml", "--until", "1e12h"], 64, "the limit is 876600 h (100 years) (raise it with --max-span"),
        (["simulate", "ok.yaml", "--until", "inf"], 64, "--until 'inf' is not finite"),
        (["simulate", "ok.yaml", "--every", "inf"], 64, "--every 'inf' is not finite"),
        (["simulate", "ok.yaml", "--every", "1e-9h", "--until", "450d"], 64,
         "--every 1e-9h --until 450d gives 10,800,000,000,001 samples per subject; the limit is 1,000,000 (sample less often with a larger --every, or raise the limit with --max-samples N)"),
        (["simulate", "ok.yaml", "--rtol", "1e-16"], 64, "--rtol 1e-16 is below 1e-14, the smallest relative tolerance double precision can honour"),
        (["simulate", "rtol.yaml"], 65, "rtol.yaml: solver.rtol: rtol 1e-300 is below 1e-14"),
        (["simulate", "--regimen", "10mg po once; then wait 1e308h; then 10mg po once"], 65,
         "until: the simulated span (the end time) is 1e+308 h (1.14077e+304 years); the limit is 876600 h (100 years)"),
        (["simulate", "--events", "time1e9.csv"], 65, "time1e9.csv: until: the simulated span (the end time) is 1000000336 h (114077 years); the limit is 876600 h"),
        (["simulate", "--events", "time1e308.csv"], 65, "time1e308.csv: until: the simulated span (the end time) is 1e+308 h"),
        (["simulate", "--regimen", "1e308mg po once"], 65, "regimen: a dose at 0 h of 1e+308 mg is above 1,000,000 mg (1 kg), the largest dose accepted: check the amount and its unit (mg)"),
        (["simulate", "--events", "amt1e308.csv"], 65, "amt1e308.csv: regimen: a dose at 0 h of 1e+308 mg is above 1,000,000 mg (1 kg)"),
        // Two sources of doses: the table's rows would silently replace the regimen.
        (["simulate", "--events", "negamt.csv", "--regimen", "10mg po once"], 64,
         "--regimen '10mg po once' and --events negamt.csv both give the doses, and an event table's dose rows are the doses: drop --regimen"),
        (["population", "ok.yaml", "--count", "3", "--events", "negamt.csv", "--regimen", "10mg po once"], 64,
         "both give the doses, and an event table's dose rows are the doses"),
        (["population", "ok.yaml", "--count", "3", "--age-uniform", "80:20"], 64, "--age-uniform: '80:20' has LOW 80.0 above HIGH 20.0: expected LOW:HIGH with LOW ≤ HIGH, e.g. 20:80"),
        (["population", "ok.yaml", "--count", "3", "--age", "50:10", "--age-range", "90:18"], 64, "--age-range: '90:18' has LOW 90.0 above HIGH 18.0"),
        (["population", "ok.yaml", "--count", "3", "--weight", "70:0.2", "--weight-range", "150:40"], 64, "--weight-range: '150:40' has LOW 150.0 above HIGH 40.0"),
        (["population", "ok.yaml", "--count", "10000000000"], 64,
         "--count 10,000,000,000 gives 10,000,000,000 runs; the limit is 100,000,000 runs per plan (raise it with --max-runs N"),
        (["sweep", "ok.yaml", "--lhs", "k_syn=0.002:0.01", "--count", "1e10"], 64, "the limit is 100,000,000 runs per plan (raise it with --max-runs N"),
        (["sweep", "ok.yaml", "--grid", "k_syn=0.002,0.003", "--max-runs", "1"], 64, "the grid (2) gives 2 runs; the limit is 1 runs per plan"),
        (["sweep", "ok.yaml", "--grid", "k_syn=0.002,0.003", "--until", "1e9h"], 64, "--until 1e9h is 1000000000 h"),
        // Outputs that are inputs or each other.
        (["simulate", "ok.yaml", "--summary", "ok.yaml"], 64, "--summary: ok.yaml is the scenario file ok.yaml: writing it would destroy an input"),
        (["simulate", "--events", "negamt.csv", "--summary", "./negamt.csv"], 64, "./negamt.csv is the event table --events negamt.csv"),
        (["simulate", "ok.yaml", "--summary", "out.csv"], 64, "--summary: out.csv is also the output of -o (out.csv): give each output its own file"),
        (["population", "ok.yaml", "--count", "2", "--trajectories", "out.csv"], 64, "--trajectories: out.csv is also the output of -o (out.csv)"),
        (["simulate", "ok.yaml", "--summary", "out.csv.manifest.json"], 64, "the manifest: out.csv.manifest.json is also the output of --summary"),
        (["sweep", "ok.yaml", "--list", "list.csv", "--trajectories", "list.csv"], 64, "--trajectories: list.csv is the run list --list list.csv"),
        (["population", "ok.yaml", "--count", "2", "--subject-parameters", "out.csv"], 64,
         "--subject-parameters: out.csv is also the output of -o (out.csv): give each output its own file"),
        (["population", "ok.yaml", "--count", "2", "--subject-parameters", "ok.yaml"], 64,
         "--subject-parameters: ok.yaml is the scenario file ok.yaml: writing it would destroy an input"),
        (["population", "ok.yaml", "--count", "2", "--subject-parameters", "out.csv.manifest.json"], 64,
         "the manifest: out.csv.manifest.json is also the output of --subject-parameters"),
        (["population", "ok.yaml", "--count", "2", "--subject-parameters", "subjects.csv", "--trajectories", "subjects.csv"], 64,
         "--subject-parameters: subjects.csv is also the output of --trajectories (subjects.csv)"),
    ]

    static let inputs: [(String, String)] = [
        ("ok.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nsampling: {every: 1h, until: 14d}\n"),
        ("typo.yaml", "species: human\nregimn: \"10mg po q24h for 7d\"\n"),
        ("weight.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\ncovariates: {weight: seventy}\n"),
        ("syntax.yaml", "species: human\nregimen: [10mg\n"),
        ("syntax.toml", "species = \"human\"\nregimen = \n"),
        ("syntax.json", "{\"species\": \"human\", \"regimen\": \"10mg po once\",}\n"),
        ("empty.yaml", ""),
        ("method.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nsolver: {method: euler}\n"),
        ("pk.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nsolver: {pk: analytic}\n"),
        ("noamt.csv", "ID,TIME,DOSE,EVID\n1,0,10,1\n"),
        ("tmie.csv", "ID,TMIE,AMT,EVID\n1,0,10,1\n"),
        ("unsorted.csv", "ID,TIME,AMT,EVID\n1,5,10,1\n1,2,10,1\n"),
        ("negamt.csv", "ID,TIME,AMT,EVID\n1,0,-10,1\n"),
        ("runs.csv", "dose,weight\n0.15\n"),
        ("scenario.txt", ""),
        ("list.csv", "k_syn\n0.003\n"),
        ("rtol.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nsolver: {rtol: 1e-300}\n"),
        ("time1e9.csv", "ID,TIME,AMT,EVID\n1,0,10,1\n1,1e9,10,1\n"),
        ("time1e308.csv", "ID,TIME,AMT,EVID\n1,0,10,1\n1,1e308,10,1\n"),
        ("amt1e308.csv", "ID,TIME,AMT,EVID\n1,0,1e308,1\n1,2,0,0\n"),
    ]

    @Test(arguments: cases.indices)
    func badInputIsReportedAndNothingIsWritten(index: Int) throws {
        let (arguments, expectedStatus, expectedMessage) = Self.cases[index]
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for (name, text) in Self.inputs { try runner.write(name, text) }
        let before = try runner.files()
        let result = try runner.run(arguments + ["-o", "out.csv"])
        #expect(result.status == expectedStatus, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(expectedMessage), "\(arguments): \(result.stderr)")
        #expect(try runner.files() == before, "\(arguments) left files behind")
    }

    /// `validate` runs the checks `simulate` runs: every data-file case above fails `validate`
    /// too, with the same message.
    @Test(arguments: ["rtol.yaml", "time1e9.csv", "time1e308.csv"])
    func validateRejectsWhatSimulateRejects(file: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for (name, text) in Self.inputs { try runner.write(name, text) }
        let simulated = try runner.run(file.hasSuffix(".csv") ? ["simulate", "--events", file] : ["simulate", file])
        let validated = try runner.run("validate", file)
        #expect(simulated.status == 65 && validated.status == 65, "\(simulated.stderr) / \(validated.stderr)")
        // `simulate --events` first notes how it reads the table's columns; the errors must agree.
        let errors = { (text: String) in
            text.components(separatedBy: "\nUsage").first!.split(separator: "\n").filter { $0.hasPrefix("benzosim: error") }
        }
        #expect(!validated.stderr.isEmpty && errors(validated.stderr) == errors(simulated.stderr) && !errors(validated.stderr).isEmpty)
        #expect(!validated.stdout.contains("ok:"))
    }

    /// An event table over the size limit (256 MiB; a sparse file here, refused by its size before
    /// it is read) is a data error naming the limit and how to raise it, the same for simulate,
    /// validate and population, before any work; `BENZOSIM_EVENTS_MAX_BYTES` moves the limit.
    @Test func eventTablesHaveASizeLimit() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for (name, text) in Self.inputs { try runner.write(name, text) }
        let big = runner.directory.appendingPathComponent("big.csv").path
        #expect(FileManager.default.createFile(atPath: big, contents: Data("ID,TIME,AMT,EVID\n".utf8)))
        #expect(truncate(big, 300 << 20) == 0)
        let before = try runner.files()
        let message = "benzosim: error: big.csv: the event table is 314,572,800 bytes, larger than 268,435,456 bytes (256 MiB), the limit for event tables (a table is parsed whole, at about 20 bytes of memory per byte): set BENZOSIM_EVENTS_MAX_BYTES=BYTES to raise it, or split the table by ID and run the parts"
        for arguments in [["simulate", "--events", "big.csv", "-o", "out.csv"], ["validate", "big.csv"],
                          ["population", "--events", "big.csv", "--count", "2", "-o", "out.csv"]] {
            let result = try runner.run(arguments)
            #expect(result.status == 65, "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").first.map(String.init) == message, "\(arguments): \(result.stderr)")
        }
        #expect(try runner.files() == before)
        // The limit from the environment: 20 bytes refuses amt1e308.csv (37 bytes); 60 lets negamt.csv (27) be read and checked.
        let low = try runner.run(["simulate", "--events", "amt1e308.csv", "-o", "out.csv"], environment: ["BENZOSIM_EVENTS_MAX_BYTES": "20"])
        #expect(low.status == 65 && low.stderr.contains("larger than 20 bytes (20 B)"), "\(low.stderr)")
        let bad = try runner.run(["simulate", "--events", "amt1e308.csv", "-o", "out.csv"], environment: ["BENZOSIM_EVENTS_MAX_BYTES": "lots"])
        #expect(bad.status == 64 && bad.stderr.contains("BENZOSIM_EVENTS_MAX_BYTES: \"lots\" is not a whole number ≥ 1 (bytes)"), "\(bad.stderr)")
        let raised = try runner.run(["validate", "negamt.csv"], environment: ["BENZOSIM_EVENTS_MAX_BYTES": "60"])
        #expect(raised.status == 65 && raised.stderr.contains("AMT") && !raised.stderr.contains("larger than"), "\(raised.stderr)")
        #expect(try runner.files() == before)
    }

    /// An output directory that does not exist: exit 73, the path and what to do, nothing created.
    @Test func unwritableOutput() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.inputs[0].1)
        let result = try runner.run("simulate", "ok.yaml", "-o", "missing/dir/out.csv")
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot create missing/dir/out.csv: No such file or directory (the directory missing/dir does not exist: create it first)"))
        #expect(try runner.files() == ["ok.yaml"])
    }

    /// `validate` reports every problem of a file at once without running anything.
    @Test func validateReportsEveryProblem() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("two.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\ncovariates: {weight: seventy, age: -3}\nsolver: {rtol: 0}\n")
        try runner.write("ok.yaml", Self.inputs[0].1)
        let result = try runner.run("validate", "ok.yaml", "two.yaml")
        #expect(result.status == 65)
        #expect(result.stdout.contains("ok: ok.yaml (7 doses"))
        let errors = result.stderr.split(separator: "\n")
        #expect(errors.count >= 3, "\(result.stderr)")
        #expect(errors.allSatisfy { $0.hasPrefix("benzosim: error: two.yaml:") })
    }
}
