import ArgumentParser
import Pharmacology

/// `benzosim params`: every parameter with its default, unit, range and source.
struct Params: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every model parameter with its default, unit, plausible range and source.")

    @Option(help: "Species whose defaults and ranges to show (human, mouse).")
    var species: String = "human"

    @Option(help: "Output format: table (aligned text), csv, or markdown (the Docs/PARAMETERS.md table).")
    var format: String = "table"

    func validate() throws {
        guard Species(rawValue: species) != nil else {
            throw ValidationError("--species '\(species)' is not a species; use human or mouse")
        }
        guard ["table", "csv", "markdown"].contains(format) else {
            throw ValidationError("--format '\(format)' is not supported; use table, csv or markdown")
        }
    }

    func run() throws {
        let chosen = Species(rawValue: species)!
        switch format {
        case "markdown":
            print(ParameterTable.markdown, terminator: "")
        case "csv":
            print("name,default,unit,range_low,range_high,source")
            for p in ParameterName.allCases {
                let d = p.definition, r = d.range(for: chosen)
                print([d.name, "\(d.defaultValue(for: chosen))", d.unit, "\(r.lowerBound)", "\(r.upperBound)",
                       "\"" + d.source.replacingOccurrences(of: "\"", with: "\"\"") + "\""].joined(separator: ","))
            }
        default:
            for p in ParameterName.allCases {
                let d = p.definition, r = d.range(for: chosen)
                let name = d.name.padding(toLength: 12, withPad: " ", startingAt: 0)
                let value = "\(d.defaultValue(for: chosen))".padding(toLength: 22, withPad: " ", startingAt: 0)
                let unit = d.unit.padding(toLength: 5, withPad: " ", startingAt: 0)
                print("\(name) \(value) \(unit) [\(r.lowerBound), \(r.upperBound)]  \(d.source)")
            }
        }
    }
}

import Foundation
