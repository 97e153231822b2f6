import ArgumentParser
import Foundation
import Sweep

/// Where and how results are written.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Output CSV file, or - for standard output. Written to a temporary name and renamed when complete.", valueName: "file"))
    var output: String = "-"

    @Option(help: "Trajectory layout: wide (one column per output, units in the names) or long (id,time_h,name,value,unit).")
    var format: String = "wide"

    @Flag(help: "No progress bar on standard error.")
    var quiet = false

    @Flag(help: "Do not write the JSON run manifest beside the output.")
    var noManifest = false

    var trajectoryFormat: TrajectoryFormat { TrajectoryFormat(rawValue: format)! }

    func validate() throws {
        guard TrajectoryFormat(rawValue: format) != nil else {
            throw ValidationError("--format '\(format)' is not supported; use wide or long")
        }
    }
}

/// Prints every problem of an input error to standard error and ends with its exit code.
func fail(_ error: InputError) -> ExitCode {
    for problem in error.problems { FileHandle.standardError.write(Data("benzosim: error: \(problem)\n".utf8)) }
    return ExitCode(error.exitCode)
}

/// Prints an output error and ends with its exit code.
func fail(_ error: OutputError) -> ExitCode {
    FileHandle.standardError.write(Data("benzosim: error: \(error)\n".utf8))
    return ExitCode(error.exitCode)
}

/// The command line as typed, for manifests.
var commandLine: [String] { CommandLine.arguments }
