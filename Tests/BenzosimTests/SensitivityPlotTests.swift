import Foundation
import Testing

/// `benzosim sensitivity --plot`: the bar chart shows the indices of the CSV written beside it.
@Suite struct SensitivityPlotTests {
    @Test func localPlotShowsTheCSVCoefficients() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", SensitivityCommandTests.scenario)
        let result = try runner.run("sensitivity", "s.yaml", "--method", "local", "--params", "h_homeo,k_ampa",
                                    "--outputs", "withdrawal_peak,synapses_min", "--quiet", "-o", "local.csv", "--plot", "s.svg")
        #expect(result.status == 0, "\(result.stderr)")
        // The normalised coefficients, keyed by output and parameter, from the CSV.
        var expected: [String: Double] = [:]
        for line in try runner.read("local.csv").split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[2] == "normalized" { expected[fields[1] + " " + fields[0]] = Double(fields[3]) }
        }
        #expect(expected.count == 4)
        let elements = try #require(SVGElements.parse(try runner.read("s.svg")), "the plot is not well-formed XML")
        var area: [Double] = [], domain: [Double] = [], panel = "", bar: String?
        var checked = 0
        for element in elements {
            if let title = element.attributes["data-panel"] {
                (panel, area, domain, bar) = (title, SVGElements.numbers(element.attributes["data-plot-area"]),
                                              SVGElements.numbers(element.attributes["data-x-domain"]), nil)
            } else if element.attributes["class"] == "bar" {
                #expect(element.attributes["data-series"] == "normalized")
                bar = element.attributes["data-group"]
            } else if element.name == "rect", let group = bar {
                let value = try #require(expected[panel + " " + group], "no CSV row for \(panel) \(group)")
                let x = Double(element.attributes["x"]!)!, width = Double(element.attributes["width"]!)!
                let pixelsPerUnit = area[2] / (domain[1] - domain[0])
                let far = value >= 0 ? x + width : x
                #expect(abs(domain[0] + (far - area[0]) / pixelsPerUnit - value) * pixelsPerUnit < 1, "\(panel) \(group)")
                checked += 1
                bar = nil
            }
        }
        #expect(checked == 4, "a bar per output and parameter")
    }

    @Test func plotNeedsTheIndices() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", SensitivityCommandTests.scenario)
        let shard = try runner.run("sensitivity", "s.yaml", "--method", "morris", "--params", "h_homeo", "--shard", "1/2",
                                   "--samples", "p.csv", "--plot", "s.svg", "--quiet")
        #expect(shard.status == 64 && shard.stderr.contains("drop --plot"), "\(shard.stderr)")
        let stdout = try runner.run("sensitivity", "s.yaml", "--method", "local", "--params", "h_homeo", "--plot", "-", "--quiet")
        #expect(stdout.status == 64 && stdout.stderr.contains("--plot - must be a file"), "\(stdout.stderr)")
        #expect(try runner.files() == ["s.yaml"])
    }

    /// `--time-resolved-plot`: a panel per output, a line per parameter, its points the CSV's
    /// normalised coefficients (a NaN, before the first dose, is a gap).
    @Test func timeResolvedPlotShowsTheCSVCoefficients() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", SensitivityCommandTests.scenario)
        let result = try runner.run("sensitivity", "s.yaml", "--method", "local", "--params", "CL,V2", "--outputs", "withdrawal_peak",
                                    "--time-resolved", "dz_plasma_ng_per_mL", "--every", "2d", "--quiet", "-o", "local.csv",
                                    "--time-resolved-plot", "t.svg")
        #expect(result.status == 0, "\(result.stderr)")
        var expected: [String: [Double]] = [:]
        for line in try runner.read("local.time_resolved.csv").split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            if fields[3] != "nan" { expected[fields[1], default: []].append(Double(fields[3])!) }
        }
        #expect(expected["CL"]?.count == 20 && expected["V2"]?.count == 20)   // days 2…40; day 0 is nan
        let elements = try #require(SVGElements.parse(try runner.read("t.svg")), "the plot is not well-formed XML")
        #expect(elements.contains { $0.attributes["data-panel"] == "dz_plasma_ng_per_mL" })
        var area: [Double] = [], domain: [Double] = [], checked = 0
        for element in elements {
            if element.attributes["data-panel"] != nil {
                area = SVGElements.numbers(element.attributes["data-plot-area"])
                domain = SVGElements.numbers(element.attributes["data-y-domain"])
            } else if element.name == "polyline", let parameter = element.attributes["data-series"] {
                let values = try #require(expected[parameter])
                let points = SVGElements.numbers(element.attributes["points"])
                #expect(points.count == 2 * values.count, "\(parameter): one point per finite coefficient")
                for (n, value) in values.enumerated() {
                    // y in pixels from the top of the plotting area down.
                    let y = area[1] + area[3] * (domain[1] - value) / (domain[1] - domain[0])
                    #expect(abs(points[2 * n + 1] - y) < 0.5, "\(parameter) point \(n)")
                }
                checked += 1
            }
        }
        #expect(checked == 2)
    }
}
