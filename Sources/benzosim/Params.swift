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
        // The value the model uses for the species' reference subject: PD rates × the species scale.
        func asUsed(_ p: ParameterName) -> Double {
            p.definition.defaultValue(for: chosen) * (p.scalesWithSpecies ? chosen.pdRateScale : 1)
        }
        switch format {
        case "markdown":
            print(ParameterTable.markdown, terminator: "")
        case "csv":
            print("name,default,unit,range_low,range_high,source,as_used")
            for p in ParameterName.allCases {
                let d = p.definition, r = d.range(for: chosen)
                print([d.name, "\(d.defaultValue(for: chosen))", d.unit, "\(r.lowerBound)", "\(r.upperBound)",
                       "\"" + d.source.replacingOccurrences(of: "\"", with: "\"\"") + "\"", "\(asUsed(p))"].joined(separator: ","))
            }
        default:
            for p in ParameterName.allCases {
                let d = p.definition, r = d.range(for: chosen)
                let name = d.name.padding(toLength: 12, withPad: " ", startingAt: 0)
                let used = p.scalesWithSpecies && chosen.pdRateScale != 1
                    ? "\(d.defaultValue(for: chosen)) (used: \(ParameterTable.format(asUsed(p))))" : "\(d.defaultValue(for: chosen))"
                let value = used.padding(toLength: 22, withPad: " ", startingAt: 0)
                let unit = d.unit.padding(toLength: 5, withPad: " ", startingAt: 0)
                print("\(name) \(value) \(unit) [\(r.lowerBound), \(r.upperBound)]  \(d.source)")
            }
            if chosen.pdRateScale != 1 {
                print("\nPD rate constants are stated at the 70 kg human reference; a \(chosen) uses them × \(ParameterTable.format(chosen.pdRateScale)) ((WT/70 kg)^(-1/4)). --set takes the stated value.")
            }
            // Derived values of the reference subject, as simulated.
            let model = try DiazepamModel(parameters: ParameterSet(species: chosen))
            print("\nReference \(chosen) as simulated (after covariates and species scaling):")
            for r in model.resolvedParameters {
                print("  \(r.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(ParameterTable.format(r.value)) \(r.unit)")
            }
        }
    }
}

import Foundation
