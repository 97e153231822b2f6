import Foundation
import Testing
@testable import Report

/// Bar charts render as well-formed SVG whose bars and whiskers map back to their values.
@Suite struct BarChartTests {
    static let awkward = "k<1> & \"two\" 'x'"

    /// Two panels of different scale and sign, one missing value, one bar without an interval.
    static func chart() -> BarChart {
        BarChart(title: "indices", valueLabel: "index",
                 series: [LegendEntry(name: "S1", colour: "#0072B2", style: .band(opacity: 1)),
                          LegendEntry(name: "ST", colour: "#D55E00", style: .band(opacity: 1))],
                 panels: [
                     BarPanel(title: "withdrawal_peak", groups: [
                         BarGroup(label: awkward, bars: [BarValue(0.42, low: 0.31, high: 0.55), BarValue(0.61, low: 0.5, high: 0.74)]),
                         BarGroup(label: "h_homeo", bars: [BarValue(-0.03, low: -0.1, high: 0.04), BarValue(0.12)]),
                     ]),
                     BarPanel(title: "synapses_min", groups: [
                         BarGroup(label: awkward, bars: [BarValue(12.5), BarValue(.nan)]),
                         BarGroup(label: "h_homeo", bars: [BarValue(-37), BarValue(3.25, low: 1, high: 8)]),
                     ]),
                 ])
    }

    static func numbers(_ text: String?) -> [Double] { (text ?? "").split(separator: " ").compactMap { Double($0) } }

    /// The panel groups with their plot area and value domain, and the bars in document order
    /// with the panel they belong to (a bar's elements follow its group element; the parser here
    /// keeps no nesting, so elements drawn after the bars are told apart by their attributes).
    struct Drawn {
        var bars: [(panel: Int, group: String, series: String, rect: XMLTree.Element?, whisker: XMLTree.Element?, text: String)]
        var areas: [[Double]], domains: [[Double]]
    }

    static func drawn(_ tree: XMLTree) -> Drawn {
        var result = Drawn(bars: [], areas: [], domains: [])
        var inBar = false
        for element in tree.elements {
            if element.name == "g", element.attributes["data-panel"] != nil {
                result.areas.append(numbers(element.attributes["data-plot-area"]))
                result.domains.append(numbers(element.attributes["data-x-domain"]))
                inBar = false
            } else if element.name == "g", element.attributes["class"] == "bar" {
                result.bars.append((result.areas.count - 1, element.attributes["data-group"]!, element.attributes["data-series"]!, nil, nil, ""))
                inBar = true
            } else if inBar, element.name == "rect", element.attributes["stroke"] == nil {
                // (The panel frame after the last bar has a stroke; bars do not.)
                result.bars[result.bars.count - 1].rect = element
            } else if inBar, element.name == "line", element.attributes["class"] == "whisker" {
                result.bars[result.bars.count - 1].whisker = element
            } else if inBar, element.name == "text", element.attributes["class"] == nil {
                // (The next group's label, which follows a bar, has a class.)
                result.bars[result.bars.count - 1].text = element.text
            } else if element.name == "g" {
                inBar = false
            }
        }
        return result
    }

    /// Pixel `p` back to a value by the linear map of the panel's plot area onto its domain.
    static func value(at p: Double, area: [Double], domain: [Double]) -> Double {
        domain[0] + (p - area[0]) / area[2] * (domain[1] - domain[0])
    }

    @Test func wellFormedEscapedAndLabelled() throws {
        let svg = Self.chart().svg()
        let tree = try #require(XMLTree.parse(svg), "the SVG is not well-formed XML")
        #expect(tree.elements.first?.name == "svg")
        let texts = tree.all("text")
        #expect(texts.filter { $0.attributes["class"] == "bar-label" }.map(\.text) == [Self.awkward, "h_homeo", Self.awkward, "h_homeo"])
        #expect(tree.all("g").filter { $0.attributes["class"] == "legend" }.count == 1)
        #expect(texts.contains { $0.text == "S1" } && texts.contains { $0.text == "ST" })
        #expect(texts.filter { $0.attributes["class"] == "axis-title" }.map(\.text) == ["withdrawal_peak", "synapses_min", "index"])
        #expect(!svg.contains(Self.awkward), "raw markup characters must be escaped")
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    /// Every bar spans 0 to its value and every whisker its bounds, within a pixel, read back
    /// through the panel's declared plot area and domain; the missing value is `n/a`, not a bar.
    @Test func barsAndWhiskersMapBackToTheValues() throws {
        let chart = Self.chart()
        let drawn = Self.drawn(try #require(XMLTree.parse(chart.svg())))
        let expected = chart.panels.enumerated().flatMap { p, panel in
            panel.groups.flatMap { group in zip(chart.series, group.bars).map { (p, group.label, $0.name, $1) } }
        }
        #expect(drawn.bars.count == expected.count)
        for (bar, (panel, group, series, value)) in zip(drawn.bars, expected) {
            #expect(bar.panel == panel && bar.group == group && bar.series == series)
            let area = drawn.areas[panel], domain = drawn.domains[panel]
            // The domain contains 0 and every value and bound, and starts and ends on a nice tick.
            #expect(domain[0] <= 0 && domain[1] > 0)
            let pixel = area[2] / (domain[1] - domain[0])         // px per value unit
            if value.value.isFinite {
                let rect = try #require(bar.rect)
                let x = Double(rect.attributes["x"]!)!, width = Double(rect.attributes["width"]!)!
                let zero = area[0] + (0 - domain[0]) * pixel
                // The end away from zero is the value; the end at zero is zero.
                let far = value.value >= 0 ? x + width : x, near = value.value >= 0 ? x : x + width
                #expect(abs(Self.value(at: far, area: area, domain: domain) - value.value) * pixel < 1, "\(group) \(series)")
                #expect(abs(near - zero) < 1)
                #expect(abs(width - abs(value.value) * pixel) < 1)
            } else {
                #expect(bar.rect == nil && bar.text == "n/a")
            }
            if value.hasInterval {
                let whisker = try #require(bar.whisker, "\(group) \(series) has an interval")
                let x1 = Double(whisker.attributes["x1"]!)!, x2 = Double(whisker.attributes["x2"]!)!
                #expect(abs(Self.value(at: x1, area: area, domain: domain) - value.low) * pixel < 1)
                #expect(abs(Self.value(at: x2, area: area, domain: domain) - value.high) * pixel < 1)
            } else {
                #expect(bar.whisker == nil)
            }
        }
        // Hand-derived domains: [-0.1, 0.74] widened to steps of 0.2 → [-0.2, 0.8];
        // [-37, 12.5] to steps of 10 → [-40, 20].
        #expect(drawn.domains == [[-0.2, 0.8], [-40, 20]])
    }

    @Test func allZeroPanelStillHasAnAxis() throws {
        let chart = BarChart(valueLabel: "v", series: [LegendEntry(name: "a", colour: "#000")],
                             panels: [BarPanel(title: "p", groups: [BarGroup(label: "x", bars: [BarValue(0)])])])
        let drawn = Self.drawn(try #require(XMLTree.parse(chart.svg())))
        #expect(drawn.domains == [[0, 1]])
        #expect(drawn.bars.count == 1 && drawn.bars[0].rect?.attributes["width"] == "0")
    }
}
