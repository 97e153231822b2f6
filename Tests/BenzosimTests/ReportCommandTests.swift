import Foundation
import Testing

/// `benzosim report` and the --plot/--report options end to end.
@Suite struct ReportCommandTests {
    static let stop = "regimen: \"10mg po q24h for 10d; then stop\"\nparameters: {k_syn: 0.01}\nsampling: {every: 2h, until: 30d}\n"
    static let taper = "regimen: \"10mg po q24h for 10d; then taper 50% q3d min 1mg; then stop\"\nsampling: {every: 2h, until: 30d}\n"

    @Test func reportIsSelfContainedWellFormedHTMLWithTheRuns() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("stop.yaml", Self.stop)
        try runner.write("taper.yaml", Self.taper)
        let result = try runner.run("report", "stop.yaml", "taper.yaml", "--outputs", "withdrawal,synapses", "--title", "Stop & taper", "-o", "r.html")
        #expect(result.status == 0, "\(result.stderr)")
        let html = try runner.read("r.html")
        let elements = try #require(SVGElements.parse(html), "the report is not well-formed")
        #expect(elements.first { $0.name == "title" }?.text == "Stop & taper")
        #expect(elements.filter { $0.name == "svg" }.count == 1)
        #expect(elements.filter { $0.attributes["data-panel"] != nil }.map { $0.attributes["data-panel"]! } == ["withdrawal", "synapse density"])
        // Summary: one column per run, every summary column a row.
        let headers = elements.filter { $0.name == "th" }.map(\.text)
        #expect(Array(headers.prefix(3)) == ["quantity", "stop", "taper"])
        let cells = elements.filter { $0.name == "td" }.map(\.text)
        #expect(cells.contains("withdrawal_peak") && cells.contains("synapses_min") && cells.contains("ok"))
        #expect(elements.filter { $0.name == "pre" }.map(\.text) == ["10mg po q24h for 10d; then stop", "10mg po q24h for 10d; then taper 50% q3d min 1mg; then stop"])
        #expect(cells.contains("k_syn") && cells.contains("0.01"), "changed parameter listed with its value")
        #expect(!elements.contains { $0.attributes["src"] != nil || $0.attributes["href"] != nil }, "nothing to fetch")
        #expect(!elements.contains { $0.name == "script" || $0.name == "link" || $0.name == "img" })
    }

    @Test func simulateSweepAndPopulationWriteThemBesideTheCSV() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("stop.yaml", Self.stop)
        let simulate = try runner.run("simulate", "stop.yaml", "-o", "sim.csv", "--plot", "sim.svg", "--report", "sim.html", "--quiet")
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let svg = try runner.read("sim.svg"), page = try runner.read("sim.html")
        #expect(SVGElements.parse(svg) != nil && SVGElements.parse(page) != nil)
        #expect(try runner.read("sim.html").contains("withdrawal_peak"))
        let sweep = try runner.run("sweep", "stop.yaml", "--grid", "CL=1.3,1.8", "--trajectories", "t.csv", "-o", "sweep.csv", "--report", "sweep.html", "--quiet")
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let sweepPage = try #require(SVGElements.parse(try runner.read("sweep.html")))
        #expect(sweepPage.contains { $0.name == "text" && $0.text == "t:1" } && sweepPage.contains { $0.name == "text" && $0.text == "t:2" })
        let sweepHeaders = sweepPage.filter { $0.name == "th" }.map(\.text)
        #expect(sweepHeaders.firstIndex(of: "id").map { sweepHeaders[$0 + 1] } == "CL", "the sweep's summary file as a table")
        let population = try runner.run("population", "stop.yaml", "--count", "20", "--bsv", "CL=0.3", "--percentiles", "5,50,95", "-o", "pop.csv",
                                        "--plot", "pop.svg", "--quiet")
        #expect(population.status == 0, "\(population.stderr)")
        #expect(try #require(SVGElements.parse(try runner.read("pop.svg"))).contains { $0.name == "polygon" })
        let missing = try runner.run("sweep", "stop.yaml", "--grid", "CL=1.3", "-o", "x.csv", "--plot", "x.svg")
        #expect(missing.status == 64 && missing.stderr.contains("--trajectories"))
    }
}
