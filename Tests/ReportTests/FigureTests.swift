import Foundation
import Testing
@testable import Report

/// Figures render as well-formed SVG whose lines map back to their data.
@Suite struct FigureTests {
    static let awkward = "run <1> & \"two\" 'x'"

    static func twoPanelFigure() -> Figure {
        let days = (0..<200).map { Double($0) / 4 }
        let concentration = days.map { 300 * exp(-$0 / 10) }
        let withdrawal = days.map { $0 < 20 ? 0 : 0.4 * (1 - exp(-($0 - 20) / 5)) }
        return Figure(title: "test", xLabel: "time (days)", panels: [
            Panel(title: "DZ plasma", unit: "ng/mL", scale: .logarithmic,
                  bands: [BandSeries(name: "5–95%", x: days, lower: concentration.map { $0 / 2 }, upper: concentration.map { $0 * 2 }, colour: "#0072B2")],
                  lines: [LineSeries(name: awkward, x: days, y: concentration, colour: "#0072B2")]),
            Panel(title: "withdrawal", lines: [LineSeries(name: awkward, x: days, y: withdrawal, colour: "#D55E00")]),
        ], legend: [LegendEntry(name: awkward, colour: "#0072B2"), LegendEntry(name: "5–95%", colour: "#0072B2", style: .band(opacity: 0.2))],
           doseRows: [DoseRow(name: awkward, colour: "#0072B2", doses: [(0, 10), (1, 10), (2, 5)])])
    }

    @Test func svgIsWellFormedAndEscapesNames() throws {
        let svg = Self.twoPanelFigure().svg()
        let tree = try #require(XMLTree.parse(svg), "the SVG is not well-formed XML")
        #expect(tree.elements.first?.name == "svg")
        #expect(tree.all("text").contains { $0.text == Self.awkward }, "the legend shows the name as given")
        #expect(tree.all("polyline").allSatisfy { $0.attributes["data-series"] == Self.awkward })
        #expect(tree.all("polygon").count == 1 && tree.all("polygon")[0].attributes["data-band"] == "5–95%")
        let axisTitles = tree.all("text").filter { $0.attributes["class"] == "axis-title" }.map(\.text)
        #expect(axisTitles == ["DZ plasma (ng/mL)", "withdrawal", "time (days)"])
        let labels = tree.all("text").filter { $0.attributes["class"] == "tick-label" }.map(\.text)
        #expect(labels.contains("100") && labels.contains("10") && labels.contains("0.4") && labels.contains("40"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        // Three dose ticks, the third half as tall as the others.
        #expect(tree.all("line").filter { $0.attributes["stroke"] == "#0072B2" && $0.attributes["stroke-width"] == "1" }.count == 3)
    }

    @Test func nonDrawablePointsBreakTheLine() throws {
        let x = (0..<10).map(Double.init)
        var y = x.map { $0 + 1 }
        y[4] = .nan
        y[7] = 0          // not drawable on a log axis
        let figure = Figure(xLabel: "x", panels: [Panel(title: "y", scale: .logarithmic, lines: [LineSeries(name: "a", x: x, y: y, colour: "#000")])])
        let tree = try #require(XMLTree.parse(figure.svg()))
        let lines = tree.all("polyline").map { XMLTree.points($0.attributes["points"]!).count }
        #expect(lines == [4, 2, 2])
    }

    /// Every drawn point is a data point (within the 0.01 px rounding of coordinates), and every
    /// data point lies within the vertical extent drawn in its pixel column: the picture is the
    /// data to within a pixel, even after decimating 20,000 points to a 700 px wide axis.
    @Test func polylinePointsMapBackToTheData() throws {
        let n = 20_000
        let x = (0..<n).map { Double($0) * 0.0225 }            // 450 "days"
        let y = x.map { 10 + 8 * sin($0 * 2 * .pi) * exp(-$0 / 200) + $0 / 50 }
        let figure = Figure(xLabel: "t", panels: [Panel(title: "y", lines: [LineSeries(name: "s", x: x, y: y, colour: "#000")])], width: 800)
        let layout = figure.layout()
        let tree = try #require(XMLTree.parse(figure.svg()))
        let drawn = tree.all("polyline").flatMap { XMLTree.points($0.attributes["points"]!) }
        #expect(drawn.count < n / 4, "decimated")
        // Independent maps from data to pixels: x from the plot rectangle, y from the y domain.
        let x0 = x.first!, x1 = x.last!
        let (y0, y1) = (layout.y[0].domain.lowerBound, layout.y[0].domain.upperBound)
        #expect(y0 <= y.min()! && y1 >= y.max()!)
        let top = layout.panelTops[0], height = layout.panelHeight
        func px(_ i: Int) -> Double { layout.plotLeft + (x[i] - x0) / (x1 - x0) * layout.plotWidth }
        func py(_ i: Int) -> Double { top + height - (y[i] - y0) / (y1 - y0) * height }
        var next = 0
        var matched: [Int] = []
        for point in drawn {
            // Drawn points come in data order: find the data point it is.
            while next < n && !(abs(px(next) - point.x) <= 0.006 && abs(py(next) - point.y) <= 0.006) { next += 1 }
            #expect(next < n, "drawn point \(point) is not a data point")
            matched.append(next)
        }
        // The vertical extent drawn in each pixel column covers every data point of that column.
        var columns: [Int: (low: Double, high: Double)] = [:]
        for i in matched {
            let c = Int(px(i).rounded(.down))
            let old = columns[c] ?? (py(i), py(i))
            columns[c] = (min(old.low, py(i)), max(old.high, py(i)))
        }
        for i in 0..<n {
            let column = try #require(columns[Int(px(i).rounded(.down))])
            #expect(py(i) >= column.low - 1e-9 && py(i) <= column.high + 1e-9, "point \(i) outside the drawn extent of its column")
        }
    }

    @Test func shortSeriesKeepsEveryPointWithinAPixel() throws {
        let x = [0.0, 1, 2, 3, 4], y = [0.0, 0.5, 0.25, 1, 0.75]
        let figure = Figure(xLabel: "t", panels: [Panel(title: "y", lines: [LineSeries(name: "s", x: x, y: y, colour: "#000")])])
        let layout = figure.layout()
        let tree = try #require(XMLTree.parse(figure.svg()))
        let points = XMLTree.points(try #require(tree.all("polyline").first?.attributes["points"]))
        #expect(points.count == 5)
        // Back to data: a pixel is (domain width / pixel width) in data units.
        let xDomain = layout.x.domain, yDomain = layout.y[0].domain
        for (p, (dx, dy)) in zip(points, zip(x, y)) {
            let backX = xDomain.lowerBound + (p.x - layout.plotLeft) / layout.plotWidth * (xDomain.upperBound - xDomain.lowerBound)
            let backY = yDomain.lowerBound + (layout.panelTops[0] + layout.panelHeight - p.y) / layout.panelHeight * (yDomain.upperBound - yDomain.lowerBound)
            #expect(abs(backX - dx) < (xDomain.upperBound - xDomain.lowerBound) / layout.plotWidth)
            #expect(abs(backY - dy) < (yDomain.upperBound - yDomain.lowerBound) / layout.panelHeight)
        }
    }

    @Test func xDomainWindowsTheData() throws {
        let x = (0..<100).map(Double.init), y = x
        let figure = Figure(xLabel: "t", xDomain: 20...40, panels: [Panel(title: "y", lines: [LineSeries(name: "s", x: x, y: y, colour: "#000")])])
        let layout = figure.layout()
        #expect(layout.x.domain == 20...40)
        #expect(layout.y[0].domain.lowerBound >= 15 && layout.y[0].domain.upperBound <= 45, "y fits the window's data")
        let points = XMLTree.points(try #require(XMLTree.parse(figure.svg())?.all("polyline").first?.attributes["points"]))
        #expect(points.count == 23, "21 points inside and one either side")
    }

    @Test func coordinatesAndEscaping() {
        #expect(SVGWriter.coordinate(12) == "12" && SVGWriter.coordinate(12.5) == "12.5" && SVGWriter.coordinate(-0.254) == "-0.25")
        #expect(SVGWriter.coordinate(3.005) == "3.01" || SVGWriter.coordinate(3.005) == "3")
        #expect(SVGWriter.coordinate(0.07) == "0.07" && SVGWriter.coordinate(.nan) == "0")
        #expect(SVGWriter.escape("a<b & \"c\"\u{1}") == "a&lt;b &amp; &quot;c&quot;\u{FFFD}")
    }

    @Test func htmlIsWellFormedAndSelfContained() throws {
        var report = HTMLReport(title: "Report <1>")
        report.blocks = [.heading("Figure"), .figure(Self.twoPanelFigure().svg()), .preformatted("10mg po q24h for 182d; then stop"),
                         .table(.init(caption: "summary", header: ["quantity", Self.awkward], rows: [["withdrawal_peak", "0.41"], ["x"]]))]
        let html = report.html()
        let tree = try #require(XMLTree.parse(html), "the HTML is not well-formed")
        #expect(tree.all("svg").count == 1 && tree.all("table").count == 1)
        #expect(tree.all("td").map(\.text) == ["withdrawal_peak", "0.41", "x", ""])
        #expect(tree.all("td").filter { $0.attributes["class"] == "number" }.map(\.text) == ["0.41"])
        #expect(tree.all("th").map(\.text) == ["quantity", Self.awkward])
        // Nothing to fetch: no src or href, no external style sheet or script.
        #expect(!tree.elements.contains { $0.attributes["src"] != nil || $0.attributes["href"] != nil })
        #expect(tree.all("script").isEmpty && tree.all("link").isEmpty)
    }
}
