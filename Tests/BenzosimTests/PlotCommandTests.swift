import Foundation
import Testing

/// `benzosim plot` end to end: from CSV files (wide and long) and from scenarios simulated on the fly.
@Suite struct PlotCommandTests {
    static let regimen = "10mg po q24h for 10d; then taper 50% q3d min 1mg; then stop"

    /// The polylines of a panel map back to the CSV's values: every drawn point is a sample of the
    /// file, within a pixel, using the plot area and domains the SVG declares.
    @Test(arguments: ["wide", "long"]) func trajectoryPolylinesMapBackToTheCSV(format: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let simulated = try runner.run("simulate", "--regimen", Self.regimen, "--every", "2h", "--until", "30d", "--format", format, "-o", "run.csv", "--quiet")
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let result = try runner.run("plot", "run.csv", "--outputs", "withdrawal,dz_plasma_ng_per_mL", "-o", "run.svg")
        #expect(result.status == 0, "\(result.stderr)")
        let elements = try #require(SVGElements.parse(try runner.read("run.svg")), "not well-formed")
        #expect(elements.contains { $0.name == "text" && $0.text == "run" }, "legend names the file")
        #expect(elements.filter { $0.attributes["class"] == "axis-title" }.map(\.text) == ["withdrawal", "diazepam plasma (ng/mL)", "time (days)"])
        #expect(elements.contains { $0.attributes["data-doses"] == "run" }, "dose markers from the manifest's regimen")
        // The CSV's dz_plasma column, independently parsed (wide: column 3; long: rows named dz_plasma).
        let lines = try runner.read("run.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let samples: [(Double, Double)] = format == "wide"
            ? lines.map { (Double($0[1])! / 24, Double($0[2])!) }
            : lines.filter { $0[2] == "dz_plasma" }.map { (Double($0[1])! / 24, Double($0[3])!) }
        #expect(samples.count == 30 * 12 + 1)
        let panel = try #require(elements.first { $0.attributes["data-panel"] == "diazepam plasma" })
        let area = SVGElements.numbers(panel.attributes["data-plot-area"])
        let xd = SVGElements.numbers(panel.attributes["data-x-domain"]), yd = SVGElements.numbers(panel.attributes["data-y-domain"])
        func pixel(_ s: (Double, Double)) -> (Double, Double) {
            (area[0] + (s.0 - xd[0]) / (xd[1] - xd[0]) * area[2], area[1] + area[3] - (s.1 - yd[0]) / (yd[1] - yd[0]) * area[3])
        }
        let index = try #require(elements.firstIndex { $0.attributes["data-panel"] == "diazepam plasma" })
        let polyline = try #require(elements[index...].first { $0.name == "polyline" })
        let coordinates = SVGElements.numbers(polyline.attributes["points"])
        let drawn = stride(from: 0, to: coordinates.count, by: 2).map { (coordinates[$0], coordinates[$0 + 1]) }
        #expect(drawn.count >= 100)
        var next = 0
        for point in drawn {
            while next < samples.count && !(abs(pixel(samples[next]).0 - point.0) < 1 && abs(pixel(samples[next]).1 - point.1) < 1) { next += 1 }
            #expect(next < samples.count, "drawn point \(point) is no sample of the CSV within a pixel")
        }
    }

    @Test func scenariosAndRegimensSimulatedOnTheFly() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("abrupt.yaml", "regimen: \"10mg po q24h for 10d; then stop\"\nsampling: {every: 2h, until: 30d}\n")
        let result = try runner.run("plot", "abrupt.yaml", "--regimen", Self.regimen, "--label", "abrupt <stop>", "--outputs", "withdrawal,synapses,occ_gaba",
                                    "--log", "--from", "5d", "--to", "25d", "--title", "Taper vs stop", "-o", "cmp.svg")
        #expect(result.status == 0, "\(result.stderr)")
        let elements = try #require(SVGElements.parse(try runner.read("cmp.svg")))
        let legend = elements.filter { $0.name == "text" }.map(\.text)
        #expect(legend.contains("abrupt <stop>") && legend.contains(Self.regimen) && legend.contains("Taper vs stop"))
        #expect(elements.filter { $0.attributes["data-panel"] != nil }.map { $0.attributes["data-panel"]! } == ["withdrawal", "synapse density", "GABA-A occupancy"])
        let panel = try #require(elements.first { $0.attributes["data-panel"] == "withdrawal" })
        #expect(SVGElements.numbers(panel.attributes["data-x-domain"]) == [5, 25])
        #expect(elements.filter { $0.attributes["data-doses"] != nil }.count == 2)
    }

    @Test func defaultPanelsAndLogConcentrations() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("plot", "--regimen", "10mg po q24h for 5d; then stop", "--log", "-o", "-")
        #expect(result.status == 0, "\(result.stderr)")
        let elements = try #require(SVGElements.parse(result.stdout))
        let panels = elements.filter { $0.attributes["data-panel"] != nil }
        #expect(panels.map { $0.attributes["data-panel"]! } == ["diazepam plasma", "nordiazepam plasma", "GABA-A occupancy", "GABA-A coupling", "withdrawal", "synapse density"])
        #expect(panels.map { $0.attributes["data-y-scale"]! } == ["log", "log", "linear", "linear", "linear", "linear"])
    }

    @Test func badInputsSayWhatIsWrong() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("bad.csv", "a,b\n1,2\n")
        let notTrajectory = try runner.run("plot", "bad.csv", "-o", "x.svg")
        #expect(notTrajectory.status == 65 && notTrajectory.stderr.contains("bad.csv:1: not a benzosim trajectory file"))
        try runner.write("t.csv", "id,time_h,withdrawal\n1,0,0\n1,1,oops\n")
        let badNumber = try runner.run("plot", "t.csv", "-o", "x.svg")
        #expect(badNumber.status == 65 && badNumber.stderr.contains("t.csv:3:3: withdrawal: 'oops' is not a number"), "\(badNumber.stderr)")
        try runner.write("t.csv", "id,time_h,withdrawal\n1,0,0\n1,1,0.5\n")
        let unknown = try runner.run("plot", "t.csv", "--outputs", "nonsense", "-o", "x.svg")
        #expect(unknown.status == 64 && unknown.stderr.contains("'nonsense' is not an output"))
        let missing = try runner.run("plot", "missing.csv", "-o", "x.svg")
        #expect(missing.status == 66)
        #expect(try !runner.files().contains("x.svg"), "nothing written on failure")
    }
}
